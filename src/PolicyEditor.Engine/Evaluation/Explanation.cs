using System.Text;
using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>
/// The verdict for one connection (source, destination, protocol, port) and why: traffic needs both
/// the source's egress and the destination's ingress to allow it (and, from the ingress controller,
/// an Ingress or Route exposing the port).
/// </summary>
public sealed record Explanation(
    string Source,
    string Destination,
    Protocol Protocol,
    int Port,
    bool Allowed,
    SideExplanation Egress,
    SideExplanation Ingress,
    string? Exposure,
    string Summary)
{
    /// <summary>The connection asked about: <c>TCP 80</c>, <c>ICMP 8/0</c>, <c>proto 47</c> (<see cref="Port"/> holds its value).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ConnectionPoint Connection => new(Protocol, Port);

    /// <summary>The explanation as text, one fact per line.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{Source} => {Destination} {Connection}: {(Allowed ? "ALLOWED" : "DENIED")}");
        sb.AppendLine($"  egress:  {Egress.Reason}");
        sb.AppendLine($"  ingress: {Ingress.Reason}");
        if (Exposure is not null)
        {
            sb.AppendLine($"  exposure: {Exposure}");
        }

        sb.Append("  ").Append(Summary);
        return sb.ToString();
    }
}
