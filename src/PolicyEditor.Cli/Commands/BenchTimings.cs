using System.Globalization;

namespace PolicyEditor.Cli.Commands;

/// <summary>
/// Times of repeated runs of one measure: wall-clock and the process's CPU time, side by side, because on
/// a shared machine the wall clock also counts the time other processes held the cores.
/// </summary>
internal sealed class Timings
{
    private readonly List<double> _wall = [];
    private readonly List<double> _cpu = [];

    public void Add(double wallMs, double cpuMs)
    {
        _wall.Add(wallMs);
        _cpu.Add(cpuMs);
    }

    public void Add(Timings other)
    {
        _wall.Add(other.MedianWall);
        _cpu.Add(other.MedianCpu);
    }

    public double MedianWall => Percentile(_wall, 0.5);

    public double MedianCpu => Percentile(_cpu, 0.5);

    /// <summary>The medians, e.g. <c>112.3 ms wall, 98.0 ms CPU</c>.</summary>
    public string Median => $"{Ms(MedianWall)} wall, {Ms(MedianCpu)} CPU";

    /// <summary>The 95th percentiles.</summary>
    public string P95 => $"{Ms(Percentile(_wall, 0.95))} wall, {Ms(Percentile(_cpu, 0.95))} CPU";

    /// <summary>Milliseconds as the bench prints them.</summary>
    public static string Ms(double ms) => ms >= 10_000
        ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:F1} s")
        : string.Create(CultureInfo.InvariantCulture, $"{ms:F1} ms");

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
    }
}
