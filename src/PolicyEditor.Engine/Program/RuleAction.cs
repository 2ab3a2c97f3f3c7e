namespace PolicyEditor.Engine.Program;

/// <summary>What a rule of the policy program does with the traffic it matches.</summary>
public enum RuleAction
{
    /// <summary>Allow, and stop evaluating this side of the connection.</summary>
    Allow,

    /// <summary>Deny, and stop evaluating.</summary>
    Deny,

    /// <summary>Skip the rest of the current tier; the next tier decides.</summary>
    Pass,

    /// <summary>Record the match and go on with the next rule: decides nothing.</summary>
    Log,
}
