using System.ComponentModel.DataAnnotations;

namespace TorMetrics.Domain.Synthetic;

/// <summary>What to generate. The same values and seed give byte-identical output.</summary>
public sealed record SyntheticNetworkOptions
{
    [Required]
    public required string OutputDirectory { get; init; }

    /// <summary>Relays running at the first consensus; joiners and leavers keep the count about level.</summary>
    [Range(1, 100_000)]
    public int Relays { get; init; } = 7000;

    [Range(0, 100_000)]
    public int Bridges { get; init; } = 2000;

    [Range(1, 60)]
    public int Days { get; init; } = 8;

    /// <summary>Valid-after of the last consensus (rounded down to the hour), UTC.</summary>
    public required DateTime End { get; init; }

    public ulong Seed { get; init; } = 1;

    /// <summary>Replace an existing <c>recent/</c> tree in the output directory instead of refusing.</summary>
    public bool Overwrite { get; init; }
}
