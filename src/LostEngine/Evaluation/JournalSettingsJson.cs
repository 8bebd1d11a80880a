using System.Text.Json;

namespace LostEngine.Evaluation;

/// <summary>
/// The header line of a journal: <c>{"lost_journal": 1, "settings": {"--method": "lost", ...}}</c>. Record lines
/// have an <c>"image"</c> and no <c>"lost_journal"</c>, so the two are told apart by their first property.
/// </summary>
internal static class JournalSettingsJson
{
    private const int Version = 1;
    private static ReadOnlySpan<byte> Marker => "lost_journal"u8;

    public static void Write(Utf8JsonWriter writer, JournalSettings settings)
    {
        writer.WriteStartObject();
        writer.WriteNumber(Marker, Version);
        writer.WriteStartObject("settings");
        foreach (var (name, value) in settings.Entries)
        {
            writer.WriteString(name, value);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Whether <paramref name="line"/> is meant as a header: an object whose first property is the marker.</summary>
    public static bool IsHeader(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(Marker);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads a header line; null with a problem when it is not a valid one.</summary>
    public static JournalSettings? TryRead(ReadOnlySpan<byte> line, out string? problem)
    {
        try
        {
            using var document = JsonDocument.Parse(line.ToArray());
            JsonElement root = document.RootElement;
            if (!root.TryGetProperty(Marker, out JsonElement version) || !version.TryGetInt32(out int number) || number != Version)
            {
                problem = $"the journal header's version is not {Version} (written by another version of lost?)";
                return null;
            }
            if (!root.TryGetProperty("settings", out JsonElement settings) || settings.ValueKind != JsonValueKind.Object)
            {
                problem = "the journal header has no \"settings\" object";
                return null;
            }
            var entries = new List<KeyValuePair<string, string>>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty setting in settings.EnumerateObject())
            {
                if (setting.Value.ValueKind != JsonValueKind.String || setting.Name.Length == 0 || !names.Add(setting.Name))
                {
                    problem = $"the journal header's setting \"{setting.Name}\" is not a distinct name with a string value";
                    return null;
                }
                entries.Add(new(setting.Name, setting.Value.GetString()!));
            }
            problem = null;
            return new JournalSettings(entries);
        }
        catch (JsonException e)
        {
            problem = $"the journal header is not valid JSON ({e.Message})";
            return null;
        }
    }
}
