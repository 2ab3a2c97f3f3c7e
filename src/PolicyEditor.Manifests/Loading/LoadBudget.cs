using System.Diagnostics;

namespace PolicyEditor.Manifests.Loading;

/// <summary>
/// What one request may still read: bytes, files, documents, YAML nodes and time, all counted together
/// across its files, archives and documents (see <see cref="LoadOptions"/>). Made once per request and
/// handed to every loader call of that request; not for sharing between threads. When a limit is passed,
/// the loader refuses the whole input with a message naming the limit and where to raise it.
/// </summary>
public sealed class LoadBudget
{
    private const int TicksBetweenClockChecks = 4096;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _ticks;

    /// <summary>Starts a budget; <paramref name="cancellationToken"/> stops the reading (the person closed the dialog, the connection ended).</summary>
    public LoadBudget(LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        Options = options ?? LoadOptions.Default;
        CancellationToken = cancellationToken;
    }

    /// <summary>The limits.</summary>
    public LoadOptions Options { get; }

    /// <summary>Cancels the reading.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Bytes read so far (archives counted expanded).</summary>
    public long Bytes { get; private set; }

    /// <summary>Files read so far (archive entries included).</summary>
    public int Files { get; private set; }

    /// <summary>Documents read so far (malformed ones included).</summary>
    public int Documents { get; private set; }

    /// <summary>YAML nodes of the documents read so far (aliases counted each time they are used).</summary>
    public long Nodes { get; private set; }

    /// <summary>Time since the budget started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>
    /// Null when files of these sizes may be read at all; else why not, naming the limit. Lets a caller refuse
    /// what it has not read yet (an upload whose declared size is known before its bytes arrive).
    /// </summary>
    public static string? RefusalBeforeReading(LoadOptions options, IEnumerable<(string Name, long Length)> files)
    {
        var budget = new LoadBudget(options);
        try
        {
            foreach (var (name, length) in files)
            {
                budget.TakeFile(name, length);
                budget.TakeBytes(name, length);
            }

            return null;
        }
        catch (LoadRefusedException refused)
        {
            return refused.Message;
        }
    }

    /// <summary>Counts a file (or archive entry) about to be read, whose size is <paramref name="length"/> bytes.</summary>
    internal void TakeFile(string name, long length)
    {
        Tick(name, 0);
        if (++Files > Options.MaxFiles)
        {
            throw Refuse(name, 0, $"The input holds more than {Options.MaxFiles:N0} files (archive entries included), the limit set by {Options.Names.Files}.");
        }

        CheckFileSize(name, length);
    }

    /// <summary>Fails when a file is (or, read so far, has grown) larger than a file may be.</summary>
    internal void CheckFileSize(string name, long length)
    {
        if (length > Options.MaxFileBytes)
        {
            throw Refuse(name, 0, $"{name} is more than the limit of {LoadOptions.Megabytes(Options.MaxFileBytes)} a file, set by {Options.Names.FileBytes}.");
        }
    }

    /// <summary>
    /// Fails when a file about to be read says it is larger than the limits allow (an archive entry's
    /// declared size), before any of it is read; what is read is still counted, since a declared size may lie.
    /// </summary>
    internal void CheckDeclared(string name, long length)
    {
        CheckFileSize(name, length);
        CheckTotal(name, Bytes + length);
    }

    /// <summary>Counts bytes read (of a file, or expanded from an archive).</summary>
    internal void TakeBytes(string name, long bytes)
    {
        Bytes += bytes;
        CheckTotal(name, Bytes);
    }

    private void CheckTotal(string name, long total)
    {
        if (total > Options.MaxTotalBytes)
        {
            throw Refuse(name, 0, $"The input is more than {LoadOptions.Megabytes(Options.MaxTotalBytes)} in all (archives counted as what they expand to), the limit set by {Options.Names.TotalBytes}.");
        }
    }

    /// <summary>Counts a document that starts at <paramref name="line"/>.</summary>
    internal void TakeDocument(string name, int line)
    {
        Tick(name, line);
        if (++Documents > Options.MaxDocuments)
        {
            throw Refuse(name, line, $"The input holds more than {Options.MaxDocuments:N0} documents, the limit set by {Options.Names.Documents}.");
        }
    }

    /// <summary>Fails when a document now <paramref name="pending"/> nodes large would take the total past the limit.</summary>
    internal void CheckNodes(string name, int line, long pending)
    {
        if (Nodes + pending > Options.MaxNodes)
        {
            throw Refuse(name, line, $"The input expands to more than {Options.MaxNodes:N0} YAML nodes (aliases counted each time they are used), the limit set by {Options.Names.Nodes}.");
        }
    }

    /// <summary>Counts a finished document's nodes.</summary>
    internal void TakeNodes(string name, int line, long nodes)
    {
        CheckNodes(name, line, nodes);
        Nodes += nodes;
    }

    /// <summary>Called often while reading: every so many calls, checks the clock and cancellation.</summary>
    internal void Tick(string name, int line)
    {
        if (++_ticks % TicksBetweenClockChecks != 0)
        {
            return;
        }

        CancellationToken.ThrowIfCancellationRequested();
        if (_clock.Elapsed > Options.MaxWallTime)
        {
            throw Refuse(name, line, $"Reading the input took more than {Options.MaxWallTime.TotalSeconds:0.#} s, the limit set by {Options.Names.WallTime}.");
        }
    }

    private static LoadRefusedException Refuse(string name, int line, string message) => new(name, line, message);
}

/// <summary>A request's input passed a limit of its <see cref="LoadBudget"/>; nothing of it may be used.</summary>
internal sealed class LoadRefusedException(string file, int line, string message) : Exception(message)
{
    public string File { get; } = file;

    public int Line { get; } = line;
}
