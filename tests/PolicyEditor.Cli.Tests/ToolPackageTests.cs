using System.Diagnostics;

namespace PolicyEditor.Cli.Tests;

/// <summary>
/// The command line as a .NET tool: the package the build produces installs with <c>dotnet tool install</c>
/// from a local folder, with no other package source (as on a machine offline), and runs.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pe-tool-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task ThePackedTool_InstallsFromALocalFolder_AndPrintsItsHelp()
    {
        var packages = _dir.CreateSubdirectory("packages").FullName;
        var tools = _dir.CreateSubdirectory("tools").FullName;
        var config = Path.Combine(_dir.FullName, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);

        // The test build already compiled the tool (in this test's configuration): pack it as it is.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        await Dotnet("pack", Repository.PathOf("src", "PolicyEditor.Cli", "PolicyEditor.Cli.csproj"), "--no-build", "-c", configuration, "-o", packages);
        await Dotnet("tool", "install", "PolicyEditor.Cli", "--tool-path", tools, "--configfile", config);
        var (code, output) = await Start(Path.Combine(tools, OperatingSystem.IsWindows() ? "policyeditor.exe" : "policyeditor"), "--help");

        Assert.Equal(0, code);
        Assert.Contains("policyeditor: understand, test and change Kubernetes network policy.", output, StringComparison.Ordinal);
        Assert.Contains("check ", output, StringComparison.Ordinal);
    }

    private static async Task Dotnet(params string[] args)
    {
        var (code, output) = await Start("dotnet", args);
        Assert.True(code == 0, $"dotnet {string.Join(' ', args)} failed:\n{output}");
    }

    private static async Task<(int Code, string Output)> Start(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await stdout + await stderr);
    }
}
