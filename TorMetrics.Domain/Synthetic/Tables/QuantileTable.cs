namespace TorMetrics.Domain.Synthetic.Tables;

/// <summary>
/// An empirical distribution given by its quantiles (q ascending from 0 to 1): sampling interpolates between them,
/// geometrically where both ends are positive, because bandwidths spread over orders of magnitude.
/// </summary>
public sealed class QuantileTable
{
    private readonly (double Q, double Value)[] _points;

    public QuantileTable(params (double Q, double Value)[] points)
    {
        if (points.Length < 2 || points[0].Q != 0 || points[^1].Q != 1)
        {
            throw new ArgumentException("quantiles must run from 0 to 1", nameof(points));
        }

        _points = points;
    }

    public double Sample(ref SyntheticRandom random) => At(random.NextDouble());

    public double At(double u)
    {
        for (int i = 1; i < _points.Length; i++)
        {
            var (q1, v1) = _points[i];
            if (u > q1 && i < _points.Length - 1)
            {
                continue;
            }

            var (q0, v0) = _points[i - 1];
            var t = q1 > q0 ? Math.Clamp((u - q0) / (q1 - q0), 0, 1) : 0;
            return v0 > 0 && v1 > 0 ? v0 * Math.Pow(v1 / v0, t) : v0 + ((v1 - v0) * t);
        }

        return _points[^1].Value;
    }
}
