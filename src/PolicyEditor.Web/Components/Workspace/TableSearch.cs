namespace PolicyEditor.Web.Components.Workspace;

/// <summary>The quick filter of the workspace tables: every word typed must appear in one of a row's fields.</summary>
internal static class TableSearch
{
    /// <summary>True when <paramref name="search"/> is blank or each of its words occurs in some field, ignoring case.</summary>
    public static bool Matches(string? search, params string[] fields) =>
        string.IsNullOrWhiteSpace(search)
        || search.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .All(word => fields.Any(f => f.Contains(word, StringComparison.OrdinalIgnoreCase)));
}
