namespace PolicyEditor.E2E.Hosting;

/// <summary>
/// Times the browser tests measure but do not assert (a loaded machine is no benchmark): each line goes to
/// a file beside the screenshots in TestResults/, and docs/benchmarks.md keeps the figures worth keeping.
/// </summary>
internal static class Measurements
{
    /// <summary>Appends a line, stamped with the time, to <c>TestResults/<paramref name="file"/></c> and to the test output.</summary>
    public static void Record(string file, string line)
    {
        var path = Path.Combine(Path.GetDirectoryName(BuildInfo.ScreenshotDirectory)!, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.AppendAllText(path, $"{DateTime.UtcNow:u} {line}{Environment.NewLine}");
        Console.WriteLine(line);
    }

    /// <summary>The machine's load average over the last minute, to read a time by.</summary>
    public static string LoadAverage => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
