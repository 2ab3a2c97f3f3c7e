using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyEditor.Engine.Connections;

/// <summary>Writes a <see cref="Protocol"/> as its report form (<c>"TCP"</c>, <c>"proto 47"</c>) and reads any form <see cref="Protocol.TryParse"/> takes.</summary>
public sealed class ProtocolJsonConverter : JsonConverter<Protocol>
{
    /// <inheritdoc />
    public override Protocol Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number) && number is >= 0 and <= 255)
        {
            return new Protocol(number);
        }

        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return Protocol.TryParse(text, out var protocol) ? protocol : throw new JsonException($"'{text}' is not a protocol.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Protocol value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
