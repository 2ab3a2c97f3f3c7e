using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// The units a row is computed over: peer classes for the full matrix, single workloads for an
/// incremental update. Units are gathered in groups that admin rules and named ports treat alike.
/// </summary>
internal interface IPeerUnits
{
    /// <summary>How many groups the units fall into.</summary>
    int GroupCount { get; }

    /// <summary>The units (ascending) a pod peer takes in.</summary>
    int[] UnitsOf(PeerMatcher peer);

    /// <summary>The external blocks (ascending) an address peer takes in.</summary>
    int[] BlocksOf(PeerMatcher peer);

    /// <summary>A workload standing for the unit.</summary>
    Workload RepresentativeOf(int unit);

    /// <summary>The unit's group.</summary>
    int GroupOf(int unit);

    /// <summary>A unit standing for the group.</summary>
    int GroupRepresentative(int group);
}
