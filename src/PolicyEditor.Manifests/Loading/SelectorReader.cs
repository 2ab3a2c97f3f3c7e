using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Manifests.Loading;

/// <summary>Reads label selectors (<c>matchLabels</c> and <c>matchExpressions</c>) and reports invalid ones.</summary>
internal static class SelectorReader
{
    /// <summary>The selector at <paramref name="node"/>; null when the field is absent.</summary>
    public static LabelSelector? Read(ReadScope scope, YamlTreeNode? node, string field) => Read(scope, node, field, null);

    /// <summary>
    /// The selector at <paramref name="node"/>, its label keys (and matchLabels values) checked by
    /// <paramref name="checkKey"/> (node, field, key, value or null) instead of the Kubernetes label syntax
    /// (a dialect whose keys carry a source prefix, as Cilium's <c>k8s:app</c>).
    /// </summary>
    public static LabelSelector? Read(ReadScope scope, YamlTreeNode? node, string field, Action<YamlTreeNode?, string, string, string?>? checkKey)
    {
        var mapping = scope.Mapping(node, field);
        if (mapping is null)
        {
            return null;
        }

        scope.CheckFields(mapping, field, "matchLabels", "matchExpressions");
        var labelsNode = ReadScope.Get(mapping, "matchLabels");
        var labels = scope.StringMap(labelsNode, $"{field}.matchLabels");
        foreach (var (key, value) in labels)
        {
            if (checkKey is not null)
            {
                checkKey(labelsNode, $"{field}.matchLabels", key, value);
                continue;
            }

            var problem = LabelSyntax.CheckKey(key) ?? LabelSyntax.CheckValue(value);
            if (problem is not null)
            {
                scope.Error(labelsNode, $"{field}.matchLabels", problem + ".");
            }
        }

        var expressions = new List<LabelRequirement>();
        var items = scope.List(ReadScope.Get(mapping, "matchExpressions"), $"{field}.matchExpressions");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{field}.matchExpressions[{i}]";
            var item = scope.Mapping(items[i], path);
            if (item is null)
            {
                continue;
            }

            scope.CheckFields(item, path, "key", "operator", "values");
            var key = scope.String(ReadScope.Get(item, "key"), $"{path}.key");
            var opNode = ReadScope.Get(item, "operator");
            var opText = scope.String(opNode, $"{path}.operator");
            var valuesNode = ReadScope.Get(item, "values");
            var values = scope.List(valuesNode, $"{path}.values").Select(v => scope.String(v, $"{path}.values") ?? string.Empty).ToList();
            if (string.IsNullOrEmpty(key))
            {
                scope.Error(item, $"{path}.key", "a selector expression needs a 'key'.");
                continue;
            }

            checkKey?.Invoke(ReadScope.Get(item, "key"), $"{path}.key", key, null);

            if (opText is null || !Enum.TryParse<SelectorOperator>(opText, ignoreCase: false, out var op) || !Enum.IsDefined(op) || int.TryParse(opText, out _))
            {
                scope.Error(opNode ?? item, $"{path}.operator",
                    opText is null ? "a selector expression needs an 'operator': In, NotIn, Exists or DoesNotExist." : $"operator '{opText}' is not one of In, NotIn, Exists, DoesNotExist.");
                continue;
            }

            if (op is SelectorOperator.In or SelectorOperator.NotIn && values.Count == 0)
            {
                scope.Error(valuesNode ?? item, $"{path}.values", $"operator {op} needs at least one value.");
                continue;
            }

            if (op is SelectorOperator.Exists or SelectorOperator.DoesNotExist && values.Count > 0)
            {
                scope.Error(valuesNode, $"{path}.values", $"operator {op} takes no values; remove 'values'.");
                continue;
            }

            expressions.Add(new LabelRequirement(key, op, values.ToValueArray()));
        }

        var selector = new LabelSelector(labels, expressions.ToValueArray());
        return scope.Interner?.Selector(selector) ?? selector;
    }
}
