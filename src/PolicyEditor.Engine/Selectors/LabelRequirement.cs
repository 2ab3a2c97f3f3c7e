using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Selectors;

/// <summary>One <c>matchExpressions</c> entry: a key, an operator and (for In/NotIn) values.</summary>
public sealed record LabelRequirement(string Key, SelectorOperator Operator, ValueArray<string> Values)
{
    /// <summary>Whether labels satisfy the requirement, as Kubernetes defines it.</summary>
    public bool Matches(LabelSet labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            SelectorOperator.In => has && Contains(value!),
            // NotIn matches a pod without the key too.
            SelectorOperator.NotIn => !has || !Contains(value!),
            SelectorOperator.Exists => has,
            SelectorOperator.DoesNotExist => !has,
            _ => false,
        };
    }

    /// <inheritdoc />
    public override string ToString() => Operator switch
    {
        SelectorOperator.In => $"{Key} in ({string.Join(",", Values)})",
        SelectorOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        SelectorOperator.Exists => Key,
        _ => $"!{Key}",
    };

    private bool Contains(string value)
    {
        foreach (var v in Values)
        {
            if (string.Equals(v, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
