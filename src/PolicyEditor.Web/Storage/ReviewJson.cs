using System.Text.Json;
using System.Text.Json.Serialization;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Reviews;

namespace PolicyEditor.Web.Storage;

/// <summary>
/// A review session as JSON for the database. Suggested policy changes are written as the YAML a user
/// would read, encoded as the workspace store encodes policies (<see cref="ClusterCodec"/>).
/// </summary>
public static class ReviewJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter(), new PolicyChangeConverter() },
    };

    public static string Write(ReviewSession review) => JsonSerializer.Serialize(review, Options);

    public static ReviewSession Read(string json) => JsonSerializer.Deserialize<ReviewSession>(json, Options) ?? throw new JsonException("A stored review is empty.");

    /// <summary>A comment or suggestion on its own (a row of its own, see <see cref="Rows.ReviewItemRow"/>).</summary>
    public static string WriteItem<T>(T item) => JsonSerializer.Serialize(item, Options);

    public static T ReadItem<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"A stored {typeof(T).Name} is empty.");

    private sealed class PolicyChangeConverter : JsonConverter<PolicyChange>
    {
        public override PolicyChange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            (JsonSerializer.Deserialize<ClusterCodec.StoredChange>(ref reader) ?? throw new JsonException("A stored policy change is empty.")).ToChange();

        public override void Write(Utf8JsonWriter writer, PolicyChange value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, ClusterCodec.StoredChange.Of(value));
    }
}
