using System.Text.Json;

namespace PolicyEditor.Cli;

/// <summary>The JSON settings every command's <c>--output json</c> uses.</summary>
internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
