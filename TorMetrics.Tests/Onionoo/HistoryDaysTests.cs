using System.Buffers.Binary;
using TorMetrics.Domain.Onionoo.Updating;
using TorMetrics.Tests.Infrastructure;

namespace TorMetrics.Tests.Onionoo;

/// <summary>
/// The hour-slot day tables (migration 0017) the graphs are read from: intervals that straddle hours and days are
/// split by the seconds they cover, overlapping intervals are averaged by time, and intervals longer than the shortest
/// graph point are left out.
/// </summary>
public sealed class HistoryDaysTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly byte[] Relay = Convert.FromHexString("00112233445566778899AABBCCDDEEFF00112233");

    [Fact]
    public async Task Update_IntervalsAcrossHoursAndDays_SlotsHoldCoveredSecondsAndTimeWeightedAverages()
    {
        await using (var seed = database.DataSource.CreateCommand("""
            INSERT INTO onionoo_weights (fingerprint, valid_after, fresh_until, consensus_weight, consensus_weight_fraction,
                                         guard_probability, middle_probability, exit_probability)
            VALUES ($1, '2026-11-02 10:30Z', '2026-11-02 11:30Z', 100, 0.2, 0.1, NULL, 0),
                   ($1, '2026-11-02 11:00Z', '2026-11-02 12:00Z', 400, 0.4, 0.3, NULL, 0),
                   ($1, '2026-11-02 13:00Z', '2026-11-02 18:00Z', 900, 0.9, 0.9, NULL, 0),
                   ($1, '2026-11-02 23:30Z', '2026-11-03 00:30Z', 200, 0.5, 0.5, NULL, 0)
            """))
        {
            seed.Parameters.AddWithValue(Relay);
            await seed.ExecuteNonQueryAsync();
        }

        await using (var seed = database.DataSource.CreateCommand("""
            INSERT INTO onionoo_bandwidth (is_bridge, fingerprint, direction, interval_end, seconds, bytes)
            VALUES (false, $1, 'r', '2026-11-03 02:00Z', 14400, 14400 * 1000),
                   (false, $1, 'r', '2026-11-03 03:00Z', 172800, 1)
            """))
        {
            seed.Parameters.AddWithValue(Relay);
            await seed.ExecuteNonQueryAsync();
        }

        await new OnionooHistoryUpdater(database.DataSource, TimeProvider.System).UpdateAsync(CancellationToken.None);

        var weights = await ReadDaysAsync("SELECT day, covered, consensus_weight_fraction FROM onionoo_weight_days ORDER BY day", 4);
        Assert.Equal([new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 3)], weights.Keys);
        var (covered, fraction) = weights[new DateOnly(2026, 11, 2)];
        Assert.Equal(1800, covered[10]);
        Assert.Equal(0.2, fraction[10], 6);
        // 10:30–11:30 at 0.2 covers half of hour 11, 11:00–12:00 at 0.4 all of it.
        Assert.Equal(5400, covered[11]);
        Assert.Equal((0.2 * 1800 + 0.4 * 3600) / 5400, fraction[11], 6);
        // Five hours is longer than the 4-hour point of the shortest weights graph.
        Assert.All(Enumerable.Range(12, 11), hour => Assert.Equal(0, covered[hour]));
        Assert.True(double.IsNaN(fraction[13]));
        Assert.Equal(1800, covered[23]);
        Assert.Equal(1800, weights[new DateOnly(2026, 11, 3)].Covered[0]);
        Assert.Equal(0.5, weights[new DateOnly(2026, 11, 3)].Values[0], 6);

        var read = await ReadDaysAsync("SELECT day, covered, bytes_per_second FROM onionoo_bandwidth_days ORDER BY day", 8);
        // 22:00–02:00: two hours on each day; the 2-day interval is longer than any bandwidth point and left out.
        Assert.Equal([new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 3)], read.Keys);
        Assert.Equal([3600, 3600], read[new DateOnly(2026, 11, 2)].Covered[22..]);
        Assert.Equal([3600, 3600, 0], read[new DateOnly(2026, 11, 3)].Covered[..3]);
        Assert.Equal(1000, read[new DateOnly(2026, 11, 3)].Values[1]);
        Assert.Equal(0, read[new DateOnly(2026, 11, 2)].Covered[..22].Sum());
    }

    private async Task<SortedDictionary<DateOnly, (int[] Covered, double[] Values)>> ReadDaysAsync(string sql, int valueWidth)
    {
        var days = new SortedDictionary<DateOnly, (int[], double[])>();
        await using var command = database.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var covered = (byte[])reader[1];
            var values = (byte[])reader[2];
            days[reader.GetFieldValue<DateOnly>(0)] = (
                Enumerable.Range(0, 24).Select(h => BinaryPrimitives.ReadInt32BigEndian(covered.AsSpan(h * 4))).ToArray(),
                Enumerable.Range(0, 24).Select(h => valueWidth == 8
                    ? BinaryPrimitives.ReadDoubleBigEndian(values.AsSpan(h * 8))
                    : BinaryPrimitives.ReadSingleBigEndian(values.AsSpan(h * 4))).ToArray());
        }

        return days;
    }
}
