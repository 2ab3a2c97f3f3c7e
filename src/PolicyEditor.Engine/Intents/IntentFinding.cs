using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Intents;

/// <summary>
/// One edge of the intent view: a client workload and a target, what the intent means
/// (<see cref="Intended"/>, none for an undeclared pair), what the policies allow, and the class that
/// follows. <see cref="Intents"/> and <see cref="Call"/> name the declaration (null for an undeclared pair).
/// </summary>
public sealed record IntentFinding(
    IntentClass Class,
    Workload Client,
    Endpoint Target,
    ConnectionSet Intended,
    ConnectionSet Allowed,
    ClientIntents? Intents,
    IntentCall? Call,
    Service? Via)
{
    /// <summary>The address block of an internet call, for an external target.</summary>
    public Addresses.Cidr? Block { get; init; }

    /// <summary>The target in reports: the workload's id, or the internet call's address block.</summary>
    public string TargetText => Block?.ToString() ?? Target.Id;

    /// <summary>The intended connections the policies block (none unless <see cref="IntentClass.IntendedBlocked"/>).</summary>
    public ConnectionSet Blocked => Intended.Subtract(Allowed);

    /// <summary>The finding in one line, for lists and the command line.</summary>
    public string Describe() => Class switch
    {
        IntentClass.IntendedAllowed => $"{Client.Id} -> {TargetText}: intended and allowed ({Intended})",
        IntentClass.IntendedBlocked => Allowed.IsEmpty
            ? $"{Client.Id} -> {TargetText}: intended but blocked ({Intended})"
            : $"{Client.Id} -> {TargetText}: intended but partly blocked ({Blocked} blocked, {Allowed.Intersect(Intended)} allowed)",
        _ => $"{Client.Id} -> {TargetText}: allowed but never intended ({Allowed})",
    };

    /// <summary>Where the finding comes from: the ClientIntents and call, or that none declares it.</summary>
    public string Source => Intents is null || Call is null
        ? "no ClientIntents declares this call"
        : $"{Intents} calls {Call}{(Via is null ? string.Empty : $" through Service {Via.Name}")}";
}
