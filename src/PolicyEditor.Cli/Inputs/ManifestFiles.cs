using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Cli.Inputs;

/// <summary>
/// Gathers the files that <c>-f</c> names, the kubectl way: a file, a folder (its <c>.yaml</c>, <c>.yml</c>
/// and <c>.json</c> files, recursively), an archive, or <c>-</c> for standard input. Only regular files are
/// opened: a symbolic link is resolved first, a link loop or a dangling manifest link is reported and not
/// followed, and a FIFO, device or socket is reported and never opened. A file that cannot be read is
/// reported and the others still load.
/// </summary>
internal sealed class ManifestFiles(LoadOptions limits, Func<Stream> openStandardInput)
{
    /// <summary>What a standard-input document is called in messages.</summary>
    public const string StandardInputName = "standard input";

    /// <summary>How deep folders nest before the walk stops (links can make paths that never end).</summary>
    private const int MaxFolderDepth = 64;

    private readonly HashSet<string> _foldersRead = new(StringComparer.Ordinal);
    private bool _readStandardInput;

    /// <summary>The files read, with their names as messages call them.</summary>
    public List<UploadedFile> Files { get; } = [];

    /// <summary>Every file that could not be read, and why.</summary>
    public List<Diagnostic> Problems { get; } = [];

    /// <summary>Adds what one <c>-f</c> argument names.</summary>
    public void Add(string path)
    {
        if (path == "-")
        {
            ReadStandardInput();
            return;
        }

        switch (FileKinds.Of(path))
        {
            case FileKind.Missing:
                throw new UsageException($"'{path}' is neither a file nor a directory.");
            case FileKind.Directory:
                Walk(path, 0);
                return;
            default:
                AddFile(path, explicitlyNamed: true);
                return;
        }
    }

    private void ReadStandardInput()
    {
        if (_readStandardInput)
        {
            throw new UsageException("'-' (standard input) is given twice; it can be read once.");
        }

        _readStandardInput = true;
        try
        {
            using var input = openStandardInput();
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = input.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + n > limits.MaxFileBytes)
                {
                    Problem(StandardInputName, $"standard input holds more than the limit of {LoadOptions.Megabytes(limits.MaxFileBytes)}; it was not loaded (raise it with --max-file-mb).");
                    return;
                }

                buffer.Write(chunk, 0, n);
            }

            Files.Add(new UploadedFile(StandardInputName, buffer.ToArray()));
        }
        catch (IOException e)
        {
            Problem(StandardInputName, $"standard input could not be read: {e.Message}");
        }
    }

    /// <summary>Reads a folder's manifests, recursively, in ordinal order; a linked folder is read once, so link cycles end.</summary>
    private void Walk(string folder, int depth)
    {
        if (depth > MaxFolderDepth)
        {
            Problem(folder, $"folders nest more than {MaxFolderDepth} deep here; the walk stops.");
            return;
        }

        if (!_foldersRead.Add(RealPath(folder)))
        {
            Problem(folder, "this folder was read already (a symbolic link leads back to it); it is not read twice.");
            return;
        }

        List<string> entries;
        try
        {
            entries = [.. Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Problem(folder, $"the folder could not be read: {e.Message}");
            return;
        }

        foreach (var entry in entries)
        {
            var kind = FileKinds.Of(entry);
            if (kind == FileKind.Directory || (kind == FileKind.SymbolicLink && FileKinds.Target(entry) == FileKind.Directory))
            {
                Walk(entry, depth + 1);
            }
            else if (IsManifestName(entry))
            {
                AddFile(entry, explicitlyNamed: false);
            }
        }
    }

    private void AddFile(string path, bool explicitlyNamed)
    {
        var kind = FileKinds.Of(path);
        if (kind == FileKind.SymbolicLink)
        {
            kind = ResolveLink(path);
            if (kind == FileKind.Missing)
            {
                return;
            }
        }

        if (kind == FileKind.Directory && explicitlyNamed)
        {
            Walk(path, 0);
            return;
        }

        if (kind != FileKind.Regular)
        {
            Problem(path, $"this is {FileKinds.Describe(kind)}, not a regular file; it was not opened.");
            return;
        }

        try
        {
            var length = new FileInfo(path).Length;
            if (length > limits.MaxFileBytes)
            {
                Problem(path, $"the file is {LoadOptions.Megabytes(length)}, more than the limit of {LoadOptions.Megabytes(limits.MaxFileBytes)}; it was not loaded (raise it with --max-file-mb).");
                return;
            }

            Files.Add(new UploadedFile(path, File.ReadAllBytes(path)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Problem(path, $"the file could not be read: {e.Message}");
        }
    }

    /// <summary>The kind of what a link finally names; a loop or a dangling link is reported and gives <see cref="FileKind.Missing"/>.</summary>
    private FileKind ResolveLink(string path)
    {
        FileSystemInfo? target;
        try
        {
            target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException)
        {
            Problem(path, "this symbolic link leads to itself (a link loop); it was not followed.");
            return FileKind.Missing;
        }

        var kind = FileKinds.Target(path);
        if (kind == FileKind.Missing)
        {
            Problem(path, $"this symbolic link points to {target?.FullName ?? "nothing"}, which does not exist (a dangling link); it was not loaded.");
        }

        return kind;
    }

    private static bool IsManifestName(string path) => ManifestLoader.Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    private static string RealPath(string folder)
    {
        try
        {
            return new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(folder);
        }
        catch (IOException)
        {
            return Path.GetFullPath(folder);
        }
    }

    private void Problem(string path, string message) => Problems.Add(new Diagnostic(DiagnosticSeverity.Error, path, 0, 0, null, null, message));
}
