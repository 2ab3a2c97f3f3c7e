namespace PolicyEditor.Engine.Model.Calico;

/// <summary>A node of a parsed Calico selector: a label test, <c>all()</c>, <c>global()</c>, or a combination.</summary>
public abstract record CalicoSelectorExpression
{
    /// <summary><c>all()</c>.</summary>
    public static readonly CalicoSelectorExpression All = new AllExpression();

    private CalicoSelectorExpression()
    {
    }

    /// <summary>Whether labels match; <paramref name="global"/> says whether the resource is non-namespaced.</summary>
    public abstract bool Matches(IReadOnlyDictionary<string, string> labels, bool global);

    /// <summary><c>all()</c>: every resource.</summary>
    public sealed record AllExpression : CalicoSelectorExpression
    {
        /// <inheritdoc />
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool global) => true;
    }

    /// <summary><c>global()</c>: the non-namespaced resources (global network sets, host endpoints).</summary>
    public sealed record GlobalExpression : CalicoSelectorExpression
    {
        /// <inheritdoc />
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool global) => global;
    }

    /// <summary><c>has(key)</c>.</summary>
    public sealed record HasExpression(string Key) : CalicoSelectorExpression
    {
        /// <inheritdoc />
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool global) => labels.ContainsKey(Key);
    }

    /// <summary>A comparison of a label's value: ==, !=, in, not in, contains, starts with, ends with.</summary>
    public sealed record CompareExpression(string Key, CalicoSelectorOperator Operator, Model.ValueArray<string> Values) : CalicoSelectorExpression
    {
        /// <inheritdoc />
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool global)
        {
            var has = labels.TryGetValue(Key, out var value);
            return Operator switch
            {
                CalicoSelectorOperator.Equal => has && value == Values[0],
                // != and not in hold for a resource without the label, as Calico documents.
                CalicoSelectorOperator.NotEqual => !has || value != Values[0],
                CalicoSelectorOperator.In => has && Values.Contains(value!),
                CalicoSelectorOperator.NotIn => !has || !Values.Contains(value!),
                CalicoSelectorOperator.Contains => has && value!.Contains(Values[0], StringComparison.Ordinal),
                CalicoSelectorOperator.StartsWith => has && value!.StartsWith(Values[0], StringComparison.Ordinal),
                CalicoSelectorOperator.EndsWith => has && value!.EndsWith(Values[0], StringComparison.Ordinal),
                _ => false,
            };
        }
    }

    /// <summary><c>!expr</c>.</summary>
    public sealed record NotExpression(CalicoSelectorExpression Operand) : CalicoSelectorExpression
    {
        /// <inheritdoc />
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool global) => !Operand.Matches(labels, global);
    }

    /// <summary><c>a &amp;&amp; b</c>.</summary>
    public sealed record AndExpression(CalicoSelectorExpression Left, CalicoSelectorExpression Right) : CalicoSelectorExpression
    {
        /// <inheritdoc />
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool global) => Left.Matches(labels, global) && Right.Matches(labels, global);
    }

    /// <summary><c>a || b</c>.</summary>
    public sealed record OrExpression(CalicoSelectorExpression Left, CalicoSelectorExpression Right) : CalicoSelectorExpression
    {
        /// <inheritdoc />
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool global) => Left.Matches(labels, global) || Right.Matches(labels, global);
    }
}
