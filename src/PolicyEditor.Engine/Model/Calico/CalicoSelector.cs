namespace PolicyEditor.Engine.Model.Calico;

/// <summary>
/// A Calico selector expression (<c>app == 'web' &amp;&amp; has(tier)</c>), parsed. It keeps the text it
/// was written as (what is written back and shown) and is compared by that text. An empty selector is
/// <c>all()</c>. Parse with <see cref="TryParse"/>: a selector that does not parse is an error at its
/// column, never a selector that matches nothing.
/// </summary>
public sealed class CalicoSelector : IEquatable<CalicoSelector>
{
    /// <summary>The selector that matches everything (<c>all()</c>).</summary>
    public static readonly CalicoSelector All = new("all()", CalicoSelectorExpression.All);

    internal CalicoSelector(string text, CalicoSelectorExpression root)
    {
        Text = text;
        Root = root;
    }

    /// <summary>The selector as written.</summary>
    public string Text { get; }

    /// <summary>The parsed expression.</summary>
    public CalicoSelectorExpression Root { get; }

    /// <summary>True when the selector matches every labelled resource (<c>all()</c> or empty).</summary>
    public bool IsAll => Root is CalicoSelectorExpression.AllExpression;

    /// <summary>True when the selector can match only non-namespaced resources (<c>global()</c>).</summary>
    public bool IsGlobal => Root is CalicoSelectorExpression.GlobalExpression;

    /// <summary>
    /// Parses <paramref name="text"/>; on failure <paramref name="error"/> says what was expected and
    /// <paramref name="column"/> (from 1) where.
    /// </summary>
    public static bool TryParse(string? text, out CalicoSelector selector, out string? error, out int column)
    {
        var result = CalicoSelectorParser.Parse(text ?? string.Empty);
        if (result.Error is not null)
        {
            selector = All;
            error = result.Error;
            column = result.Column;
            return false;
        }

        selector = new CalicoSelector(text ?? string.Empty, result.Expression!);
        error = null;
        column = 0;
        return true;
    }

    /// <summary>Parses a selector known to be valid (tests, samples); throws <see cref="FormatException"/> otherwise.</summary>
    public static CalicoSelector Parse(string text) =>
        TryParse(text, out var s, out var error, out var column) ? s : throw new FormatException($"column {column}: {error}");

    /// <summary>Whether a resource with <paramref name="labels"/> matches; <paramref name="global"/>: the resource is not namespaced.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels, bool global = false) => Root.Matches(labels, global);

    /// <summary>
    /// Whether, as a namespaceSelector, it takes in the non-namespaced resources (global network sets, host
    /// endpoints): a namespaceSelector selects namespaces, so <c>all()</c> (every namespace) does not take them
    /// in, <c>global()</c> does, and label tests see no namespace labels.
    /// </summary>
    public bool SelectsNonNamespaced => SelectsNoNamespace(Root);

    private static bool SelectsNoNamespace(CalicoSelectorExpression expression) => expression switch
    {
        CalicoSelectorExpression.AllExpression => false,
        CalicoSelectorExpression.NotExpression not => !SelectsNoNamespace(not.Operand),
        CalicoSelectorExpression.AndExpression and => SelectsNoNamespace(and.Left) && SelectsNoNamespace(and.Right),
        CalicoSelectorExpression.OrExpression or => SelectsNoNamespace(or.Left) || SelectsNoNamespace(or.Right),
        _ => expression.Matches(LabelSet.Empty, global: true),
    };

    /// <inheritdoc />
    public bool Equals(CalicoSelector? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CalicoSelector);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <inheritdoc />
    public override string ToString() => Text.Length == 0 ? "all()" : Text;
}
