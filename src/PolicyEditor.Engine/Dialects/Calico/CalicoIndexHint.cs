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
