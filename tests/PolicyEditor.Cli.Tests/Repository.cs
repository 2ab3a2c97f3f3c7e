namespace PolicyEditor.Cli.Tests;

/// <summary>Paths in the repository, found by walking up from the test assembly.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PolicyEditor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with PolicyEditor.sln) is not above the test assembly.");
    }
}
