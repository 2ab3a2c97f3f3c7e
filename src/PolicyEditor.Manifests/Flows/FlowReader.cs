using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Manifests.Flows;

/// <summary>
/// Reads a file of flow records as it streams in, one record a line, folding them into connections as they
/// come (a file of any size never sits in memory whole): the stream is cut into chunks of whole lines that
/// one worker per core parses and folds, and the workers' folds are merged at the end. The format is told
/// from the first records unless given; a malformed record is reported with its line and field and skipped;
/// an unknown format or a limit of <see cref="FlowReadOptions"/> refuses the read with <see cref="FlowReadException"/>.
/// </summary>
public static class FlowReader
{
    /// <summary>What each format looks like, for the message refusing a file of none of them.</summary>
    public const string Expected =
        "Hubble JSON (hubble observe -o json, one flow a line), Calico flow logs (one JSON document a line with source_namespace, dest_port, proto, action, ...) or a CSV (" + CsvLineParser.Header + ")";

    /// <summary>How many lines may pass before a format is told (malformed first records, say).</summary>
    private const int DetectWithin = 20;

    private const int ChunkBytes = 1 << 20;

    /// <summary>Reads <paramref name="stream"/> (named <paramref name="file"/> in messages) to its end.</summary>
    public static async Task<FlowReadResult> ReadAsync(
        Stream stream,
        string file,
        FlowReadOptions? options = null,
        FlowFormat? format = null,
        IProgress<FlowReadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= FlowReadOptions.Default;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(4) { SingleWriter = true });
        var workers = new List<Task<Worker>>();
        var reader = new ChunkReader(stream, file, options, Math.Max(ChunkBytes, options.MaxLineBytes * 2));
        try
        {
            while (await reader.NextAsync(stop.Token) is { } chunk)
            {
                if (format is null)
                {
                    format = Detect(chunk) ?? throw new FlowReadException(
                        chunk.Length == 0 ? $"{file}: the file holds no flow record; expected {Expected}." : $"{file}: the first lines are in no format PolicyEditor reads; expected {Expected}.");
                    for (var i = 0; i < Math.Max(1, Environment.ProcessorCount); i++)
                    {
                        var worker = new Worker(file, options, ParserFor(format.Value));
                        workers.Add(Task.Run(() => worker.RunAsync(chunks.Reader, stop.Token), stop.Token));
                    }
                }

                await chunks.Writer.WriteAsync(chunk, stop.Token);
                progress?.Report(new FlowReadProgress(reader.Bytes, 0));
            }

            chunks.Writer.Complete();
            if (format is null)
            {
                throw new FlowReadException($"{file}: the file holds no flow record; expected {Expected}.");
            }

            var done = await Task.WhenAll(workers);
            var total = new FlowAggregator();
            foreach (var worker in done)
            {
                total.Add(worker.Aggregator);
            }

            if (total.Count > options.MaxConnections)
            {
                throw new FlowReadException($"{file}: the records fold into more than {options.MaxConnections:N0} distinct connections, the most one import holds.");
            }

            var problems = reader.Problems.Concat(done.SelectMany(w => w.Problems)).OrderBy(p => p.Line).ToList();
            var skipped = reader.Problems.Count + done.Sum(w => w.Skipped);
            progress?.Report(new FlowReadProgress(reader.Bytes, total.Records));
            return new FlowReadResult(total.Build(), format.Value, reader.Lines, skipped, problems.Take(options.MaxListedProblems).ToList());
        }
        catch
        {
            chunks.Writer.TryComplete();
            await stop.CancelAsync();
            await Task.WhenAll(workers).ContinueWith(_ => { }, TaskScheduler.Default);
            if (workers.FirstOrDefault(w => w.IsFaulted)?.Exception?.InnerException is FlowReadException refused)
            {
                throw refused;
            }

            throw;
        }
    }

    /// <summary>Tells the format from one line, or null when the line is none of them.</summary>
    internal static FlowFormat? Detect(ReadOnlySpan<byte> line)
    {
        var text = line.Trim(" \t\r"u8);
        if (text.Length == 0)
        {
            return null;
        }

        if (text[0] == (byte)'{')
        {
            try
            {
                var reader = new Utf8JsonReader(text);
                using var document = JsonDocument.ParseValue(ref reader);
                var root = document.RootElement;
                var log = root.TryGetProperty("_source", out var inner) ? inner : root;
                if (log.TryGetProperty("source_namespace", out _) || log.TryGetProperty("dest_namespace", out _) || log.TryGetProperty("num_flows", out _))
                {
                    return FlowFormat.Calico;
                }

                var flow = root.TryGetProperty("flow", out var f) ? f : root;
                return flow.ValueKind == JsonValueKind.Object && (flow.TryGetProperty("l4", out _) || flow.TryGetProperty("verdict", out _) || root.TryGetProperty("flow", out _))
                    ? FlowFormat.Hubble
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        var fields = Encoding.UTF8.GetString(text).Split(',');
        return fields.Length is 4 or 5 ? FlowFormat.Csv : null;
    }

    /// <summary>The format of the first line of <paramref name="chunk"/> that has one, within the first lines; null when none has.</summary>
    private static FlowFormat? Detect(Chunk chunk)
    {
        var lines = 0;
        foreach (var line in chunk.Lines())
        {
            if (Detect(line.Span) is { } format)
            {
                return format;
            }

            if (++lines >= DetectWithin)
            {
                return null;
            }
        }

        return null;
    }

    private static IFlowLineParser ParserFor(FlowFormat format) => format switch
    {
        FlowFormat.Hubble => new HubbleLineParser(),
        FlowFormat.Calico => new CalicoLineParser(),
        _ => new CsvLineParser(),
    };

    /// <summary>Whole lines of the file, and the number of the first (from 1).</summary>
    private sealed record Chunk(byte[] Data, int Length, long FirstLine)
    {
        public IEnumerable<ReadOnlyMemory<byte>> Lines()
        {
            var start = 0;
            while (start < Length)
            {
                var newline = Array.IndexOf(Data, (byte)'\n', start, Length - start);
                var end = newline < 0 ? Length : newline;
                yield return Data.AsMemory(start, end - start);
                start = end + 1;
            }
        }
    }

    /// <summary>Cuts the stream into chunks of whole lines; a line longer than a record may be is reported and skipped here.</summary>
    private sealed class ChunkReader(Stream stream, string file, FlowReadOptions options, int size)
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(size);
        private int _filled;
        private bool _skipping;

        public List<Diagnostic> Problems { get; } = [];

        public long Bytes { get; private set; }

        public long Lines { get; private set; }

        public bool AtEnd { get; private set; }

        public async Task<Chunk?> NextAsync(CancellationToken cancellationToken)
        {
            while (!AtEnd)
            {
                var read = await stream.ReadAsync(_buffer.AsMemory(_filled), cancellationToken);
                Bytes += read;
                if (Bytes > options.MaxBytes)
                {
                    throw new FlowReadException($"{file}: the file is larger than {LoadOptions.Megabytes(options.MaxBytes)}, the most one import of flows reads.");
                }

                _filled += read;
                AtEnd = read == 0;
                if (!AtEnd && !_skipping && _filled < size / 2)
                {
                    // Chunks of a good size however little each read brings (a browser upload brings 32 KB at a time).
                    continue;
                }

                var cut = AtEnd ? _filled : Array.LastIndexOf(_buffer, (byte)'\n', _filled - 1, _filled) + 1;
                if (_skipping)
                {
                    // The rest of an over-long line, up to its end.
                    var end = Array.IndexOf(_buffer, (byte)'\n', 0, _filled);
                    if (end < 0)
                    {
                        _filled = 0;
                        continue;
                    }

                    _skipping = false;
                    Shift(end + 1);
                    continue;
                }

                if (cut <= 0)
                {
                    if (_filled >= options.MaxLineBytes)
                    {
                        Lines++;
                        Problems.Add(new Diagnostic(DiagnosticSeverity.Warning, file, (int)Math.Min(Lines, int.MaxValue), 1, null, null,
                            $"the line is longer than {Math.Max(options.MaxLineBytes, _filled):N0} bytes, the longest a flow record may be. The record is skipped."));
                        (_filled, _skipping) = (0, true);
                    }

                    continue;
                }

                var chunk = new Chunk(ArrayPool<byte>.Shared.Rent(cut), cut, Lines + 1);
                Array.Copy(_buffer, chunk.Data, cut);
                Lines += chunk.Data.AsSpan(0, cut).Count((byte)'\n') + (AtEnd && cut > 0 && _buffer[cut - 1] != (byte)'\n' ? 1 : 0);
                Shift(cut);
                return chunk;
            }

            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            return null;
        }

        private void Shift(int count)
        {
            Array.Copy(_buffer, count, _buffer, 0, _filled - count);
            _filled -= count;
        }
    }

    /// <summary>Parses and folds the chunks it takes; one per core, each with its own parser and fold.</summary>
    private sealed class Worker(string file, FlowReadOptions options, IFlowLineParser parser)
    {
        public FlowAggregator Aggregator { get; } = new();

        public List<Diagnostic> Problems { get; } = [];

        public long Skipped { get; private set; }

        public async Task<Worker> RunAsync(ChannelReader<Chunk> chunks, CancellationToken cancellationToken)
        {
            await foreach (var chunk in chunks.ReadAllAsync(cancellationToken))
            {
                var line = chunk.FirstLine;
                foreach (var text in chunk.Lines())
                {
                    Parse(text, line++);
                }

                ArrayPool<byte>.Shared.Return(chunk.Data);
                if (Aggregator.Count > options.MaxConnections)
                {
                    throw new FlowReadException($"{file}: the records fold into more than {options.MaxConnections:N0} distinct connections, the most one import holds.");
                }
            }

            return this;
        }

        private void Parse(ReadOnlyMemory<byte> text, long line)
        {
            if (text.Span.Trim(" \t\r"u8).IsEmpty)
            {
                return;
            }

            if (text.Length > options.MaxLineBytes)
            {
                Problem(line, null, $"the line is longer than {options.MaxLineBytes:N0} bytes, the longest a flow record may be.");
                return;
            }

            try
            {
                if (parser.Parse(text) is { } record)
                {
                    Aggregator.Add(record);
                }
            }
            catch (FlowLineProblem problem)
            {
                Problem(line, problem.Field, problem.Message);
            }
            catch (JsonException json)
            {
                Problem(line, null, $"not valid JSON: {json.Message.Split(" LineNumber", 2)[0]}");
            }
        }

        private void Problem(long line, string? field, string message)
        {
            Skipped++;
            if (Problems.Count < options.MaxListedProblems)
            {
                Problems.Add(new Diagnostic(DiagnosticSeverity.Warning, file, (int)Math.Min(line, int.MaxValue), 1, null, field, $"{message} The record is skipped."));
            }
        }
    }
}
