namespace PolicyEditor.Engine.Program;

/// <summary>
/// One rule of a program policy: traffic with any of <see cref="Peers"/> (empty: every peer) on
/// <see cref="Ports"/> gets <see cref="Action"/>. <see cref="Number"/> (from 1) and <see cref="Name"/>
/// name it in explanations; <see cref="Text"/> is the rule in words.
/// </summary>
public sealed record ProgramRule
{
    private string? _text;

    /// <summary>Writes <see cref="Text"/> when it is first read (null when the text was given).</summary>
    private Func<string>? _describe;

    /// <summary>A rule with its text.</summary>
    public ProgramRule(RuleAction action, Model.ValueArray<ProgramPeer> peers, ProgramPorts ports, int number, string? name, string text)
    {
        Action = action;
        Peers = peers;
        Ports = ports;
        Number = number;
        Name = name;
        _text = text;
    }

    /// <summary>
    /// A rule whose text <paramref name="describe"/> writes when something first reads it: only explanations do, and a
    /// compile of thousands of rules need not write them all.
    /// </summary>
    public ProgramRule(RuleAction action, Model.ValueArray<ProgramPeer> peers, ProgramPorts ports, int number, string? name, Func<string> describe)
    {
        Action = action;
        Peers = peers;
        Ports = ports;
        Number = number;
        Name = name;
        _describe = describe;
    }

    /// <summary>What the rule does with the traffic it matches.</summary>
    public RuleAction Action { get; init; }

    /// <summary>The peers the rule matches (empty: every peer).</summary>
    public Model.ValueArray<ProgramPeer> Peers { get; init; }

    /// <summary>The connections the rule matches.</summary>
    public ProgramPorts Ports { get; init; }

    /// <summary>The rule's place in its direction, from 1.</summary>
    public int Number { get; init; }

    /// <summary>The rule's name, if it has one.</summary>
    public string? Name { get; init; }

    /// <summary>The rule in words.</summary>
    public string Text
    {
        // Written at most once per thread that races for it; every writer writes the same text.
        get => _text ??= _describe!();
        init
        {
            _text = value;
            _describe = null;
        }
    }

    /// <summary>The L7 rules a proxy applies to the traffic this rule allows (Cilium's http, kafka, dns), in words; null when none.</summary>
    public string? Proxy { get; init; }

    /// <summary>The rule's parts, in the order of the constructor.</summary>
    public void Deconstruct(out RuleAction action, out Model.ValueArray<ProgramPeer> peers, out ProgramPorts ports, out int number, out string? name, out string text)
    {
        action = Action;
        peers = Peers;
        ports = Ports;
        number = Number;
        name = Name;
        text = Text;
    }

    /// <summary>Compares every part, the text included (written if need be).</summary>
    public bool Equals(ProgramRule? other) =>
        ReferenceEquals(this, other)
        || (other is not null && Action == other.Action && Number == other.Number && string.Equals(Name, other.Name, StringComparison.Ordinal)
            && Peers.Equals(other.Peers) && Ports.Equals(other.Ports) && string.Equals(Proxy, other.Proxy, StringComparison.Ordinal)
            && string.Equals(Text, other.Text, StringComparison.Ordinal));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Action, Peers, Ports, Number, Name, Text, Proxy);

    /// <inheritdoc />
    public override string ToString() => Text;
}
