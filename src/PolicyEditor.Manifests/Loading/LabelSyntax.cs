namespace PolicyEditor.Manifests.Loading;

/// <summary>Kubernetes' rules for label keys, label values and port names.</summary>
internal static class LabelSyntax
{
    /// <summary>Why a label value is invalid, or null when it is valid (at most 63 characters of [A-Za-z0-9-_.], alphanumeric at both ends, or empty).</summary>
    public static string? CheckValue(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length > 63)
        {
            return $"label value '{value}' is longer than 63 characters";
        }

        if (!char.IsAsciiLetterOrDigit(value[0]) || !char.IsAsciiLetterOrDigit(value[^1]) || value.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            return $"label value '{value}' may hold only letters, digits, '-', '_' and '.', and must begin and end with a letter or digit";
        }

        return null;
    }

    /// <summary>Why a label key is invalid, or null when valid (optional DNS prefix and '/', then a name of at most 63 characters).</summary>
    public static string? CheckKey(string key)
    {
        var slash = key.LastIndexOf('/');
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash == 0 || (slash > 0 && key[..slash].Length > 253))
        {
            return $"label key '{key}' has an invalid prefix";
        }

        if (name.Length == 0 || name.Length > 63 || !char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1])
            || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            return $"label key '{key}' must be a name of at most 63 letters, digits, '-', '_' or '.', beginning and ending with a letter or digit, optionally after a DNS prefix and '/'";
        }

        return null;
    }

    /// <summary>Why a port name is invalid, or null (IANA service name: 1-15 lower-case letters, digits and '-', with a letter, no '--', not at either end).</summary>
    public static string? CheckPortName(string name)
    {
        if (name.Length is 0 or > 15 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            || !name.Any(char.IsAsciiLetterLower) || name.StartsWith('-') || name.EndsWith('-') || name.Contains("--", StringComparison.Ordinal))
        {
            return $"port name '{name}' must be 1 to 15 lower-case letters, digits and '-', with at least one letter and no '-' at either end";
        }

        return null;
    }
}
