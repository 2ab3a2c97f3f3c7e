using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>L7 rules (<c>toPorts[].rules</c>) in words: the proxy filters the traffic the ports allow.</summary>
public static class CiliumL7
{
    /// <summary>The rules in words, e.g. "HTTP GET /api/.*; DNS *".</summary>
    public static string Describe(CiliumField rules)
    {
        var parts = new List<string>();
        foreach (var kind in rules.Value.Entries)
        {
            var items = kind.Value.IsList ? kind.Value.Items : (ValueArray<CiliumValue>)new[] { kind.Value };
            var label = kind.Key switch
            {
                "http" => "HTTP",
                "dns" => "DNS",
                "kafka" => "Kafka",
                _ => kind.Key,
            };
            if (items.IsEmpty)
            {
                parts.Add($"{label} (any)");
                continue;
            }

            foreach (var item in items)
            {
                var words = item.Entries.Select(e => kind.Key switch
                {
                    "http" when e.Key is "method" or "path" => e.Value.ToString(),
                    "dns" when e.Key is "matchName" or "matchPattern" => e.Value.ToString(),
                    _ => $"{e.Key}={e.Value}",
                });
                var text = string.Join(" ", words);
                parts.Add(text.Length == 0 ? $"{label} (any)" : $"{label} {text}");
            }
        }

        return string.Join("; ", parts);
    }
}
