namespace PolicyEditor.Engine.Program;

/// <summary>Every dialect the engine compiles, in the order they are asked.</summary>
public static class PolicyDialects
{
    /// <summary>The dialects.</summary>
    public static readonly IReadOnlyList<IPolicyDialect> All =
    [
        new NetworkPolicyDialect(),
        new AdminPolicyDialect(),
    ];
}
