namespace PolicyEditor.Engine.Model;

/// <summary>
/// A policy object of a dialect whose rules can name protocols other than SCTP, TCP and UDP (ICMP types,
/// UDPLite, protocol numbers): reports of a cluster holding one that does speak of every protocol.
/// </summary>
public interface IProtocolNaming
{
    /// <summary>True when the object's rules name no protocol but SCTP, TCP and UDP (so they treat every other protocol alike).</summary>
    bool NamesOnlyKubernetesProtocols { get; }
}
