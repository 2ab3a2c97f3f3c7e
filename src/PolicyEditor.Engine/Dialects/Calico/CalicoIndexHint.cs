using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Dialects.Calico;

/// <summary>
/// What every match of a Calico selector must carry among the labels Kubernetes gives (<c>app == 'web'</c>: the label
/// app=web; <c>has(tier)</c>: a tier label; both sides of <c>&amp;&amp;</c>), as a Kubernetes label selector. The
/// matrix looks such a selector up in its label index, so a Calico selector is asked only of the pods or namespaces
/// that can match it instead of every one; the Calico selector still decides. Labels Calico adds itself
/// (<c>projectcalico.org/...</c>) are not in the index and give no hint; nor do a pod selector's labels when
/// profiles apply labels to endpoints (the callers check <see cref="CalicoEndpoints.AppliesProfileLabels"/>).
/// </summary>
internal static class CalicoIndexHint
{
    /// <summary>The requirements every match of <paramref name="selector"/> meets; null when it names none.</summary>
    public static LabelSelector? Of(CalicoSelector? selector)
    {
        if (selector is null)
        {
            return null;
        }

        var requirements = new List<LabelRequirement>();
        Collect(selector.Root, requirements);
        return requirements.Count == 0 ? null : new LabelSelector(LabelSet.Empty, requirements.ToValueArray());
    }

    /// <summary>
    /// <paramref name="selector"/> as a Kubernetes label selector that matches exactly the same labels, when it is one
    /// (<c>all()</c>, or <c>&amp;&amp;</c> of <c>==</c>, <c>!=</c>, <c>in</c>, <c>not in</c>, <c>has()</c> and their
    /// negations on labels Kubernetes gives); null otherwise. Then the selector needs no further condition: the matrix
    /// answers it from its label index alone and shares it with every equal selector.
    /// </summary>
    public static LabelSelector? Exactly(CalicoSelector selector)
    {
        var requirements = new List<LabelRequirement>();
        return Translate(selector.Root, requirements) ? new LabelSelector(LabelSet.Empty, requirements.ToValueArray()) : null;
    }

    /// <summary>
    /// The exact negation of a selector <see cref="Exactly"/> gave, when it has one: a single requirement, negated (In and
    /// NotIn, Exists and DoesNotExist swap); null for none, several (their negation is an <c>||</c>) or null.
    /// </summary>
    public static LabelSelector? Negation(LabelSelector? exact)
    {
        if (exact is not { MatchLabels.Count: 0, MatchExpressions.Count: 1 })
        {
            return null;
        }

        var requirement = exact.MatchExpressions[0];
        var negated = requirement.Operator switch
        {
            SelectorOperator.In => SelectorOperator.NotIn,
            SelectorOperator.NotIn => SelectorOperator.In,
            SelectorOperator.Exists => SelectorOperator.DoesNotExist,
            _ => SelectorOperator.Exists,
        };
        return new LabelSelector(LabelSet.Empty, ValueArray.Create(requirement with { Operator = negated }));
    }

    private static bool Translate(CalicoSelectorExpression expression, List<LabelRequirement> requirements)
    {
        switch (expression)
        {
            case CalicoSelectorExpression.AllExpression:
                return true;
            case CalicoSelectorExpression.AndExpression and:
                return Translate(and.Left, requirements) && Translate(and.Right, requirements);
            case CalicoSelectorExpression.HasExpression has when IsIndexed(has.Key):
                requirements.Add(new LabelRequirement(has.Key, SelectorOperator.Exists, ValueArray<string>.Empty));
                return true;
            case CalicoSelectorExpression.NotExpression { Operand: CalicoSelectorExpression.HasExpression has } when IsIndexed(has.Key):
                requirements.Add(new LabelRequirement(has.Key, SelectorOperator.DoesNotExist, ValueArray<string>.Empty));
                return true;
            case CalicoSelectorExpression.CompareExpression compare when IsIndexed(compare.Key) && Requirement(compare, negated: false) is { } requirement:
                requirements.Add(requirement);
                return true;
            case CalicoSelectorExpression.NotExpression { Operand: CalicoSelectorExpression.CompareExpression compare } when IsIndexed(compare.Key) && Requirement(compare, negated: true) is { } requirement:
                requirements.Add(requirement);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A comparison as a requirement: <c>==</c> and <c>in</c> need the label with one of the values (In); <c>!=</c> and
    /// <c>not in</c> also hold without the label, as NotIn does. Negation swaps the two. Substring tests have no equal.
    /// </summary>
    private static LabelRequirement? Requirement(CalicoSelectorExpression.CompareExpression compare, bool negated)
    {
        bool? present = compare.Operator switch
        {
            CalicoSelectorOperator.Equal or CalicoSelectorOperator.In => true,
            CalicoSelectorOperator.NotEqual or CalicoSelectorOperator.NotIn => false,
            _ => null,
        };
        return present is { } p ? new LabelRequirement(compare.Key, p != negated ? SelectorOperator.In : SelectorOperator.NotIn, compare.Values) : null;
    }

    private static void Collect(CalicoSelectorExpression expression, List<LabelRequirement> requirements)
    {
        switch (expression)
        {
            case CalicoSelectorExpression.AndExpression and:
                Collect(and.Left, requirements);
                Collect(and.Right, requirements);
                break;
            case CalicoSelectorExpression.HasExpression has when IsIndexed(has.Key):
                requirements.Add(new LabelRequirement(has.Key, SelectorOperator.Exists, ValueArray<string>.Empty));
                break;
            case CalicoSelectorExpression.CompareExpression compare when IsIndexed(compare.Key):
                switch (compare.Operator)
                {
                    case CalicoSelectorOperator.Equal or CalicoSelectorOperator.In:
                        requirements.Add(new LabelRequirement(compare.Key, SelectorOperator.In, compare.Values));
                        break;
                    case CalicoSelectorOperator.Contains or CalicoSelectorOperator.StartsWith or CalicoSelectorOperator.EndsWith:
                        requirements.Add(new LabelRequirement(compare.Key, SelectorOperator.Exists, ValueArray<string>.Empty));
                        break;
                }

                break;
        }
    }

    private static bool IsIndexed(string key) => !key.StartsWith("projectcalico.org/", StringComparison.Ordinal);
}
