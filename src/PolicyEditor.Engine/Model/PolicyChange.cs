namespace PolicyEditor.Engine.Model;

/// <summary>
/// One NetworkPolicy added, replaced or deleted (<see cref="After"/> null), identified by namespace
/// and name: the unit of change the editor, the change impact and the edit scripts share.
/// </summary>
public sealed record PolicyChange(string Namespace, string Name, NetworkPolicy? After)
{
    /// <summary>Adds or replaces a policy.</summary>
    public static PolicyChange Upsert(NetworkPolicy policy) => new(policy.Namespace, policy.Name, policy);

    /// <summary>Deletes a policy.</summary>
    public static PolicyChange Delete(NetworkPolicy policy) => new(policy.Namespace, policy.Name, null);

    /// <summary>The policy's report name.</summary>
    public string Id => $"{Namespace}/{Name}";
}
