using System.Globalization;
using System.Net;
using System.Text.Json;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Manifests.Flows;

/// <summary>Reading the values flow records in JSON hold, with problems that name the field.</summary>
internal static class FlowJson
{
    /// <summary>The string at <paramref name="name"/>, or null when absent, null or Calico's "-" (aggregated or not applicable).</summary>
    public static string? String(JsonElement parent, string name, string field)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new FlowLineProblem(field, $"expected a string, found {Describe(value)}.");
        }

        var text = value.GetString();
        return string.IsNullOrEmpty(text) || text == "-" ? null : text;
    }

    /// <summary>The whole number at <paramref name="name"/> (a JSON number or a numeric string), or null when absent.</summary>
    public static long? Number(JsonElement parent, string name, string field)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n))
        {
            return n;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } s)
        {
            if (s == "-")
            {
                return null;
            }

            if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out n))
            {
                return n;
            }
        }

        throw new FlowLineProblem(field, $"expected a whole number, found {Describe(value)}.");
    }

    /// <summary>The address at <paramref name="name"/>, or null when absent.</summary>
    public static IPAddress? Address(JsonElement parent, string name, string field)
    {
        var text = String(parent, name, field);
        if (text is null)
        {
            return null;
        }

        return IPAddress.TryParse(text, out var address) ? address : throw new FlowLineProblem(field, $"'{text}' is not an IP address.");
    }

    /// <summary>
    /// Labels given as <c>key=value</c> strings (Hubble's carry a source prefix, <c>k8s:app=web</c>, which is
    /// dropped except for <c>reserved:</c> identities), in an array or under <c>labels</c> (Calico).
    /// </summary>
    public static LabelSet Labels(JsonElement parent, string name, string field)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return LabelSet.Empty;
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("labels", out var inner))
        {
            value = inner;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() == "-")
        {
            return LabelSet.Empty;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new FlowLineProblem(field, $"expected a list of key=value labels, found {Describe(value)}.");
        }

        var pairs = new List<KeyValuePair<string, string>>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new FlowLineProblem(field, $"expected a key=value label, found {Describe(item)}.");
            }

            var text = item.GetString()!;
            if (text.StartsWith("reserved:", StringComparison.Ordinal))
            {
                pairs.Add(new(text, string.Empty));
                continue;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (colon >= 0 && (equals < 0 || colon < equals))
            {
                text = text[(colon + 1)..];
                equals -= colon + 1;
            }

            pairs.Add(equals < 0 ? new(text, string.Empty) : new(text[..equals], text[(equals + 1)..]));
        }

        return LabelSet.From(pairs);
    }

    /// <summary>A time in RFC 3339 (Hubble) or UNIX seconds (Calico), or null when absent.</summary>
    public static DateTimeOffset? Time(JsonElement parent, string name, string field)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        if (value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var iso))
        {
            return iso;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } s)
        {
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                return time;
            }

            if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds))
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
        }

        throw new FlowLineProblem(field, $"expected a time (RFC 3339 or UNIX seconds), found {Describe(value)}.");
    }

    /// <summary>A JSON value in a few words, for messages.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"'{Shorten(value.GetString()!)}'",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "nothing",
    };

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
