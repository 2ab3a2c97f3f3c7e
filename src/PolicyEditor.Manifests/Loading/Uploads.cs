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
    /// <summary>Loads uploaded files as one cluster (see <see cref="UploadResult"/>).</summary>
    public static UploadResult Load(IEnumerable<UploadedFile> files, LoadOptions? options = null)
    {
        options ??= LoadOptions.Default;
        var diagnostics = new List<Diagnostic>();
        var sources = new List<ManifestSource>();
        var skipped = new List<string>();
        var read = 0;
        try
        {
            foreach (var file in files)
            {
                foreach (var (name, content) in Expand(file, options))
                {
                    if (!IsManifest(name))
                    {
                        skipped.Add(name);
                        continue;
                    }

                    read++;
                    if (content.LongLength > options.MaxFileBytes)
                    {
                        throw new UploadRefusedException($"{name} is {LoadOptions.Megabytes(content.LongLength)}, more than the limit of {LoadOptions.Megabytes(options.MaxFileBytes)} a file.");
                    }

                    var text = ManifestLoader.Decode(name, content, diagnostics);
                    if (text is not null)
                    {
                        sources.Add(new ManifestSource(name, text));
                    }
                }
            }
        }
        catch (UploadRefusedException refused)
        {
            return new UploadResult(new ClusterBuilder([]).Build(), refused.Message + " Nothing was imported.", 0, []);
        }

        var result = ManifestLoader.Load(sources, options, diagnostics);
        var tooMany = result.Diagnostics.FirstOrDefault(d => d.Message.StartsWith($"more than {options.MaxDocuments:N0} documents", StringComparison.Ordinal));
        if (tooMany is not null)
        {
            return new UploadResult(new ClusterBuilder([]).Build(), $"The input holds more than {options.MaxDocuments:N0} documents (the limit). Nothing was imported.", 0, []);
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

    private static IEnumerable<(string Name, byte[] Content)> Expand(UploadedFile file, LoadOptions options)
    {
        if (!IsArchive(file.Name))
        {
            return [(file.Name, file.Content)];
        }

        if (file.Content.LongLength > options.MaxFileBytes)
        {
            throw new UploadRefusedException($"{file.Name} is {LoadOptions.Megabytes(file.Content.LongLength)}, more than the limit of {LoadOptions.Megabytes(options.MaxFileBytes)} a file.");
        }

        try
        {
            return file.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? ReadZip(file, options) : ReadTar(file, options);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new UploadRefusedException($"{file.Name} is not a readable archive ({e.Message}).");
        }
    }

    private static List<(string, byte[])> ReadZip(UploadedFile file, LoadOptions options)
    {
        using var zip = new ZipArchive(new MemoryStream(file.Content), ZipArchiveMode.Read);
        var budget = new Budget(file.Name, options);
        var entries = new List<(string, byte[])>();
        foreach (var entry in zip.Entries)
        {
            budget.Entry();
            if (entry.FullName.EndsWith('/'))
            {
                continue;
            }

            var path = SafePath(file.Name, entry.FullName);
            using var stream = entry.Open();
            entries.Add(($"{file.Name}/{path}", budget.Read(stream, path)));
        }

        return entries;
    }

    private static List<(string, byte[])> ReadTar(UploadedFile file, LoadOptions options)
    {
        Stream stream = new MemoryStream(file.Content);
        if (!file.Name.EndsWith(".tar", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        using var reader = new TarReader(stream);
        var budget = new Budget(file.Name, options);
        var entries = new List<(string, byte[])>();
        while (reader.GetNextEntry() is { } entry)
        {
            budget.Entry();
            if (entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink)
            {
                throw new UploadRefusedException($"{file.Name} holds a link ({entry.Name} -> {entry.LinkName}); archives with links are not imported.");
            }

            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
            {
                continue;
            }

            var path = SafePath(file.Name, entry.Name);
            entries.Add(($"{file.Name}/{path}", budget.Read(entry.DataStream, path)));
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

    /// <summary>Counts what an archive expands to, reading no more than the limits allow (declared sizes may lie).</summary>
    private sealed class Budget(string archive, LoadOptions options)
    {
        private long _bytes;
        private int _entries;

        public void Entry()
        {
            if (++_entries > options.MaxArchiveEntries)
            {
                throw new UploadRefusedException($"{archive} holds more than {options.MaxArchiveEntries:N0} entries (the limit).");
            }
        }

        public byte[] Read(Stream stream, string path)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                _bytes += n;
                if (_bytes > options.MaxArchiveBytes)
                {
                    throw new UploadRefusedException($"{archive} expands to more than {LoadOptions.Megabytes(options.MaxArchiveBytes)} (the limit), at {path}.");
                }

                if (buffer.Length + n > options.MaxFileBytes)
                {
                    throw new UploadRefusedException($"{archive}/{path} expands to more than the limit of {LoadOptions.Megabytes(options.MaxFileBytes)} a file.");
                }

                buffer.Write(chunk, 0, n);
            }

            return buffer.ToArray();
        }
    }

    private sealed class UploadRefusedException(string message) : Exception(message);
}
