using System.Runtime.InteropServices;
using System.Text.Json;
using PolicyEditor.Engine.Flows;

namespace PolicyEditor.Manifests.Flows;

/// <summary>
/// The peers one parser has read, by the exact bytes of their JSON: a file names the same few thousand pods
/// over and over, so each is turned into a <see cref="FlowPeer"/> (labels parsed and sorted) once.
/// </summary>
internal sealed class PeerCache
{
    private const int MaxEntries = 200_000;

    private readonly Dictionary<byte[], FlowPeer> _peers = new(ByteComparer.Instance);
    private readonly Dictionary<byte[], FlowPeer>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public PeerCache() => _lookup = _peers.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>The peer for <paramref name="element"/>, made by <paramref name="make"/> the first time its bytes are seen.</summary>
    public FlowPeer Get(JsonElement element, Func<JsonElement, FlowPeer> make) =>
        Get(JsonMarshal.GetRawUtf8Value(element), element, make);

    /// <summary>The peer for the bytes <paramref name="raw"/>, made by <paramref name="make"/> from <paramref name="state"/> the first time they are seen.</summary>
    public FlowPeer Get<T>(ReadOnlySpan<byte> raw, T state, Func<T, FlowPeer> make)
    {
        if (_lookup.TryGetValue(raw, out var peer))
        {
            return peer;
        }

        peer = make(state);
        if (_peers.Count < MaxEntries)
        {
            _peers[raw.ToArray()] = peer;
        }

        return peer;
    }

    private sealed class ByteComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
