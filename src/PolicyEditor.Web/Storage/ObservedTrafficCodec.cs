using System.IO.Compression;
using System.Net;
using System.Text.Json;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Traffic;

namespace PolicyEditor.Web.Storage;

/// <summary>
/// Observed traffic as the database keeps it: each distinct peer once, connections referring to peers by
/// index, as JSON compressed with gzip. Read back, it equals what was written.
/// </summary>
public static class ObservedTrafficCodec
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The record as compressed JSON.</summary>
    public static byte[] Encode(ObservedTrafficRecord record)
    {
        var peers = new Dictionary<FlowPeer, int>();
        int Index(FlowPeer peer)
        {
            if (!peers.TryGetValue(peer, out var i))
            {
                peers[peer] = i = peers.Count;
            }

            return i;
        }

        var connections = record.Traffic.Connections.Select(c => new ConnectionDto(Index(c.Source), Index(c.Destination), c.Protocol.Number, c.Port, c.Count, c.Dropped, c.FirstSeen, c.LastSeen, c.Reason)).ToList();
        var dto = new TrafficDto(
            [.. peers.OrderBy(p => p.Value).Select(p => new PeerDto(p.Key.Namespace, p.Key.Pod, p.Key.Workload, p.Key.Labels.ToDictionary(), p.Key.Address?.ToString()))],
            connections, record.Traffic.Records, [.. record.Sources]);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            JsonSerializer.Serialize(gzip, dto, Json);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads compressed JSON back.</summary>
    /// <exception cref="InvalidDataException">The content is not what <see cref="Encode"/> writes.</exception>
    public static ObservedTrafficRecord Decode(byte[] content, DateTimeOffset? importedAt)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
            var dto = JsonSerializer.Deserialize<TrafficDto>(gzip, Json) ?? throw new InvalidDataException("The observed traffic is empty.");
            var peers = dto.Peers.Select(p => new FlowPeer(p.Namespace, p.Pod, p.Workload, LabelSet.From(p.Labels), p.Address is null ? null : IPAddress.Parse(p.Address))).ToList();
            var connections = dto.Connections.Select(c => new ObservedConnection(peers[c.S], peers[c.D], new FlowProtocol(c.P), c.Port, c.Count, c.Dropped, c.First, c.Last, c.Reason)).ToList();
            return new ObservedTrafficRecord(new ObservedTraffic(connections, dto.Records), dto.Sources, importedAt);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentOutOfRangeException)
        {
            throw new InvalidDataException($"The observed traffic kept is unreadable: {e.Message}", e);
        }
    }

    private sealed record TrafficDto(List<PeerDto> Peers, List<ConnectionDto> Connections, long Records, List<string> Sources);

    private sealed record PeerDto(string? Namespace, string? Pod, string? Workload, Dictionary<string, string> Labels, string? Address);

    private sealed record ConnectionDto(int S, int D, byte P, int Port, long Count, long Dropped, DateTimeOffset? First, DateTimeOffset? Last, string? Reason);
}
