namespace PolicyEditor.Manifests.Loading;

/// <summary>
/// The naming rules the Kubernetes API server applies to <c>metadata.name</c> and <c>metadata.namespace</c>:
/// namespaces are DNS labels (RFC 1123), Services DNS-1035 labels, everything else DNS subdomains. A name
/// that passes is lowercase letters, digits, '-' and '.', so it is also safe as a file or archive entry name.
/// </summary>
public static class KubernetesNames
{
    /// <summary>Longest DNS label.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>Longest DNS subdomain.</summary>
    public const int MaxSubdomainLength = 253;

    /// <summary>Null when <paramref name="name"/> is a valid namespace name, else what is wrong, for a person.</summary>
    public static string? NamespaceProblem(string name) => LabelProblem(name, letterFirst: false);

    /// <summary>Null when <paramref name="name"/> is a valid name for an object of <paramref name="kind"/>, else what is wrong.</summary>
    public static string? NameProblem(string kind, string name) => kind switch
    {
        "Namespace" => LabelProblem(name, letterFirst: false),
        "Service" => LabelProblem(name, letterFirst: true),
        _ => SubdomainProblem(name),
    };

    /// <summary>
    /// Checks an object's name and namespace as read, reporting each bad one at its own line: an error (the
    /// object is then not loaded) or, with <see cref="NameRules.Warn"/>, a warning. True when the object may load.
    /// </summary>
    internal static bool Check(ReadScope scope, YamlTreeNode root, YamlTreeNode? metadata, string kind, string name, string? ns, NameRules rules)
    {
        if (rules == NameRules.Ignore)
        {
            return true;
        }

        var valid = true;
        void Report(YamlTreeNode node, string field, string what, string problem)
        {
            if (rules == NameRules.Enforce)
            {
                scope.Error(node, field, $"'{Shorten(what)}' is not a valid {(field == "metadata.namespace" ? "namespace" : kind)} name: {problem}; the {kind} was not loaded.");
                valid = false;
            }
            else
            {
                scope.Warning(node, field, $"'{Shorten(what)}' is not a valid {(field == "metadata.namespace" ? "namespace" : kind)} name: {problem}; Kubernetes would refuse it.");
            }
        }

        if (NameProblem(kind, name) is { } nameProblem)
        {
            Report(ReadScope.Get(metadata, "name") ?? ReadScope.Get(metadata, "generateName") ?? root, "metadata.name", name, nameProblem);
        }

        if (ns is not null && NamespaceProblem(ns) is { } nsProblem)
        {
            Report(ReadScope.Get(metadata, "namespace") ?? root, "metadata.namespace", ns, nsProblem);
        }

        return valid;
    }

    private static string? LabelProblem(string name, bool letterFirst)
    {
        if (name.Length > MaxLabelLength)
        {
            return $"it has {name.Length} characters, more than {MaxLabelLength}";
        }

        if (letterFirst && name.Length > 0 && !char.IsAsciiLetterLower(name[0]))
        {
            return "it must start with a lowercase letter";
        }

        return PartProblem(name, "lowercase letters, digits and '-'");
    }

    private static string? SubdomainProblem(string name)
    {
        if (name.Length > MaxSubdomainLength)
        {
            return $"it has {name.Length} characters, more than {MaxSubdomainLength}";
        }

        foreach (var part in name.Split('.'))
        {
            if (PartProblem(part, "lowercase letters, digits, '-' and '.'") is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>What is wrong with one label of a name (between dots), or null.</summary>
    private static string? PartProblem(string part, string allowed)
    {
        if (part.Length == 0)
        {
            return "it is empty, or has an empty part between dots";
        }

        if (part.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            return $"only {allowed} are allowed";
        }

        return part[0] == '-' || part[^1] == '-' ? "it must start and end with a lowercase letter or digit" : null;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..79] + "…";
}
