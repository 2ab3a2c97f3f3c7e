namespace PolicyEditor.Engine.Program;

/// <summary>
/// One rule of a program policy: traffic with any of <see cref="Peers"/> (empty: every peer) on
/// <see cref="Ports"/> gets <see cref="Action"/>. <see cref="Number"/> (from 1) and <see cref="Name"/>
/// name it in explanations; <see cref="Text"/> is the rule in words.
/// </summary>
public sealed record ProgramRule(RuleAction Action, Model.ValueArray<ProgramPeer> Peers, ProgramPorts Ports, int Number, string? Name, string Text)
{
    /// <summary>The L7 rules a proxy applies to the traffic this rule allows (Cilium's http, kafka, dns), in words; null when none.</summary>
    public string? Proxy { get; init; }

    /// <inheritdoc />
    public override string ToString() => Text;
}
