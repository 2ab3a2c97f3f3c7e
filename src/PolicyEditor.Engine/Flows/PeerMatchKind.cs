namespace PolicyEditor.Engine.Flows;

/// <summary>How a flow's peer was matched to an endpoint of the cluster, in the order they are tried.</summary>
public enum PeerMatchKind : byte
{
    /// <summary>Not matched: see <see cref="PeerMatch.Problem"/>.</summary>
    None = 0,

    /// <summary>By namespace and workload or pod name.</summary>
    Name = 1,

    /// <summary>By namespace and the workload's pod labels.</summary>
    Labels = 2,

    /// <summary>By address: a pod's address in the manifests, else outside the cluster.</summary>
    Address = 3,
}
