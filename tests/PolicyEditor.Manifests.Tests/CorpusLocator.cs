namespace PolicyEditor.Manifests.Tests;

/// <summary>Finds the conformance corpus, which lives beside the repository (../shared/conformance), never inside it.</summary>
internal static class CorpusLocator
{
    public static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "netpol-analyzer");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
