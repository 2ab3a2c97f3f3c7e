namespace PolicyEditor.Engine.Model;

/// <summary>
/// One policy object of any kind added, replaced or deleted (<see cref="After"/> null), identified by its
/// <see cref="PolicyKey"/>: the unit of change the editor, the change impact and the edit scripts share.
/// </summary>
public sealed record PolicyChange
{
    /// <summary>A change of the policy <paramref name="key"/> names into <paramref name="after"/> (null deletes it).</summary>
    /// <exception cref="ArgumentException"><paramref name="after"/> is a policy of another key.</exception>
    public PolicyChange(PolicyKey key, IPolicyResource? after)
    {
        if (after is not null && after.Key != key)
        {
            throw new ArgumentException($"A change of {key.Id} cannot hold {after.Key.Id}.", nameof(after));
        }

        Key = key;
        After = after;
    }

    /// <summary>A change of the NetworkPolicy <paramref name="ns"/>/<paramref name="name"/>.</summary>
    public PolicyChange(string ns, string name, NetworkPolicy? after)
        : this(PolicyKey.OfNetworkPolicy(ns, name), after)
    {
    }

    /// <summary>The policy changed.</summary>
    public PolicyKey Key { get; }

    /// <summary>The policy after the change; null when the change deletes it.</summary>
    public IPolicyResource? After { get; }

    /// <summary>The policy's kind.</summary>
    public string Kind => Key.Kind;

    /// <summary>The policy's namespace; null for a cluster-scoped kind.</summary>
    public string? Namespace => Key.Namespace;

    /// <summary>The policy's name.</summary>
    public string Name => Key.Name;

    /// <summary>The NetworkPolicy after the change, when the change is of a NetworkPolicy that it keeps.</summary>
    public NetworkPolicy? AfterNetworkPolicy => After as NetworkPolicy;

    /// <summary>The policy's report name (<see cref="PolicyKey.Id"/>).</summary>
    public string Id => Key.Id;

    /// <summary>Adds or replaces a policy of any kind.</summary>
    public static PolicyChange Upsert(IPolicyResource policy) => new(policy.Key, policy);

    /// <summary>Deletes a policy of any kind.</summary>
    public static PolicyChange Delete(IPolicyResource policy) => new(policy.Key, null);

    /// <summary>Adds or replaces a NetworkPolicy (the method group the NetworkPolicy lists select with).</summary>
    public static PolicyChange Upsert(NetworkPolicy policy) => Upsert((IPolicyResource)policy);

    /// <summary>Deletes a NetworkPolicy.</summary>
    public static PolicyChange Delete(NetworkPolicy policy) => Delete((IPolicyResource)policy);
}
