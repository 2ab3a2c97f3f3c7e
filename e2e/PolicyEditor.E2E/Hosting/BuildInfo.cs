using System.Reflection;

namespace PolicyEditor.E2E.Hosting;

/// <summary>Paths the build recorded in this assembly (see the project file), each overridable by an environment variable.</summary>
internal static class BuildInfo
{
    /// <summary>The PolicyEditor.Web.dll to run; <c>POLICYEDITOR_WEB_DLL</c> overrides it.</summary>
    public static string WebAppPath => Environment.GetEnvironmentVariable("POLICYEDITOR_WEB_DLL") is { Length: > 0 } path ? path : Metadata("WebAppPath");

    /// <summary>The folder failure screenshots go to; <c>POLICYEDITOR_SCREENSHOTS</c> overrides it.</summary>
    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("POLICYEDITOR_SCREENSHOTS") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Metadata("ProjectDirectory"), "TestResults", "screenshots");

    private static string Metadata(string key) =>
        typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no '{key}' metadata; build it with its project file.");
}
