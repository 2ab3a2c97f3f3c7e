using System.Formats.Tar;
using System.IO.Compression;

namespace PolicyEditor.Manifests.Loading;

/// <summary>A file as a user hands it over (an upload, a drop): its name and its bytes.</summary>
public sealed record UploadedFile(string Name, byte[] Content);

/// <summary>
/// What reading uploads gave: the cluster and diagnostics of everything loaded, or, when an input is
/// refused as a whole (an archive that expands past the limit or whose paths escape its folder), the
/// reason, and nothing loaded from any input: an import is all or nothing on such input.
/// </summary>
public sealed record UploadResult(LoadResult Result, string? Refusal, int FilesRead, IReadOnlyList<string> FilesSkipped)
{
    /// <summary>True when the input was refused and nothing may be imported.</summary>
    public bool Refused => Refusal is not null;
}

/// <summary>
/// Reads uploaded files: manifests (.yaml, .yml, .json) directly, archives (.zip, .tar, .tar.gz, .tgz)
/// expanded in memory within limits, other files skipped with a note. Archive entries are named
/// <c>archive.zip/folder/file.yaml</c>, so every diagnostic says which file in which archive.
/// </summary>
public static class Uploads
{
    private const string NothingImported = "Nothing was imported.";

    /// <summary>Loads uploaded files as one cluster (see <see cref="UploadResult"/>).</summary>
    public static UploadResult Load(IEnumerable<UploadedFile> files, LoadOptions? options = null) => Load(files, new LoadBudget(options));

    /// <summary>
    /// Loads uploaded files as one cluster within one request's budget: every file, every archive's expanded
    /// content and every document count together, so several archives cannot add up past what one may hold.
    /// </summary>
    public static UploadResult Load(IEnumerable<UploadedFile> files, LoadBudget budget)
    {
        var diagnostics = new List<Diagnostic>();
        var sources = new List<ManifestSource>();
        var skipped = new List<string>();
        var read = 0;
        LoadResult result;
        try
        {
            foreach (var file in files)
            {
                foreach (var (name, content) in Expand(file, budget))
                {
                    if (!IsManifest(name))
                    {
                        skipped.Add(name);
                        continue;
                    }

                    read++;
                    var text = ManifestLoader.Decode(name, content, diagnostics);
                    if (text is not null)
                    {
                        sources.Add(new ManifestSource(name, text));
                    }
                }
            }

            result = ManifestLoader.Load(sources, budget, diagnostics);
        }
        catch (Exception e) when (e is UploadRefusedException or LoadRefusedException)
        {
            var refusal = $"{e.Message} {NothingImported}";
            return new UploadResult(new ClusterBuilder([]).Build() with { Refusal = refusal }, refusal, 0, []);
        }

        return new UploadResult(result, null, read, skipped);
    }

    /// <summary>True for the names the loader reads: YAML and JSON files, and names without an extension (pasted text).</summary>
    public static bool IsManifest(string name) =>
        Path.GetExtension(name).Length == 0 || ManifestLoader.Extensions.Contains(Path.GetExtension(name).ToLowerInvariant());

    /// <summary>True for the archive names <see cref="Load"/> expands.</summary>
    public static bool IsArchive(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower.EndsWith(".zip", StringComparison.Ordinal) || lower.EndsWith(".tar", StringComparison.Ordinal)
            || lower.EndsWith(".tar.gz", StringComparison.Ordinal) || lower.EndsWith(".tgz", StringComparison.Ordinal);
    }

    /// <summary>The files an upload holds: itself, or an archive's entries. Every file and every byte read counts against the budget.</summary>
    private static IEnumerable<(string Name, byte[] Content)> Expand(UploadedFile file, LoadBudget budget)
    {
        budget.TakeFile(file.Name, file.Content.LongLength);
        if (!IsArchive(file.Name))
        {
            budget.TakeBytes(file.Name, file.Content.LongLength);
            return [(file.Name, file.Content)];
        }

        try
        {
            return file.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? ReadZip(file, budget) : ReadTar(file, budget);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new UploadRefusedException($"{file.Name} is not a readable archive ({e.Message}).");
        }
    }

    private static List<(string, byte[])> ReadZip(UploadedFile file, LoadBudget budget)
    {
        using var zip = new ZipArchive(new MemoryStream(file.Content), ZipArchiveMode.Read);
        var entries = new List<(string, byte[])>();
        foreach (var entry in zip.Entries)
        {
            var path = $"{file.Name}/{entry.FullName}";
            budget.TakeFile(path, 0);
            if (entry.FullName.EndsWith('/'))
            {
                continue;
            }

            path = $"{file.Name}/{SafePath(file.Name, entry.FullName)}";
            budget.CheckDeclared(path, entry.Length);
            using var stream = entry.Open();
            entries.Add((path, Read(stream, path, entry.Length, budget)));
        }

        return entries;
    }

    private static List<(string, byte[])> ReadTar(UploadedFile file, LoadBudget budget)
    {
        Stream stream = new MemoryStream(file.Content);
        if (!file.Name.EndsWith(".tar", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        using var reader = new TarReader(stream);
        var entries = new List<(string, byte[])>();
        while (reader.GetNextEntry() is { } entry)
        {
            budget.TakeFile($"{file.Name}/{entry.Name}", 0);
            if (entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink)
            {
                throw new UploadRefusedException($"{file.Name} holds a link ({entry.Name} -> {entry.LinkName}); archives with links are not imported.");
            }

            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
            {
                continue;
            }

            var path = $"{file.Name}/{SafePath(file.Name, entry.Name)}";
            budget.CheckDeclared(path, entry.Length);
            entries.Add((path, Read(entry.DataStream, path, entry.Length, budget)));
        }

        return entries;
    }

    /// <summary>An entry's path inside its archive, refused when it is absolute or climbs out of the archive's folder.</summary>
    private static string SafePath(string archive, string name)
    {
        var normalized = name.Replace('\\', '/');
        var parts = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (normalized.StartsWith('/') || (normalized.Length > 1 && normalized[1] == ':') || parts.Contains(".."))
        {
            throw new UploadRefusedException($"{archive} holds the path '{name}', which escapes the archive's folder; such archives are not imported.");
        }

        return string.Join('/', parts);
    }

    /// <summary>An archive entry's content, read no further than the budget allows (its <paramref name="declared"/> size may lie).</summary>
    private static byte[] Read(Stream stream, string path, long declared, LoadBudget budget)
    {
        using var buffer = new MemoryStream((int)Math.Clamp(declared, 0, budget.Options.MaxFileBytes));
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            budget.TakeBytes(path, n);
            budget.CheckFileSize(path, buffer.Length + n);

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    private sealed class UploadRefusedException(string message) : Exception(message);
}
