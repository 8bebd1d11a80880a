using System.Text.Json;

namespace LostEngine.Tests.Runs;

/// <summary>Reads what a run wrote as a test sees it: its journal's header and records in file order, its map's keys.</summary>
internal static class RunOutputFiles
{
    public static string PathOf(string output) => output + ".journal.jsonl";

    /// <summary>Every complete record line; the header and a last line cut short by a kill are left out.</summary>
    public static JsonElement[] Records(string output)
    {
        var records = new List<JsonElement>();
        foreach (string line in File.ReadAllLines(PathOf(output)).Where(line => line.Length > 0))
        {
            JsonElement element;
            try
            {
                element = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException)
            {
                continue;
            }
            if (element.TryGetProperty("image", out _))
            {
                records.Add(element);
            }
        }
        return [.. records];
    }

    public static string[] Images(string output) => Records(output).Select(r => r.GetProperty("image").GetString()!).ToArray();

    /// <summary>The images of records that are results, not failures.</summary>
    public static string[] FinishedImages(string output) => Records(output)
        .Where(r => !(r.TryGetProperty("note", out var note) && note.GetString()!.StartsWith("failed: ", StringComparison.Ordinal)))
        .Select(r => r.GetProperty("image").GetString()!)
        .ToArray();

    /// <summary>The header's settings, option name → value; null when the journal has no header.</summary>
    public static Dictionary<string, string>? Settings(string output)
    {
        string first = File.ReadLines(PathOf(output)).First();
        using var document = JsonDocument.Parse(first);
        return document.RootElement.TryGetProperty("settings", out var settings)
            ? settings.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : null;
    }

    /// <summary>The image keys of a prediction map, in ordinal order.</summary>
    public static string[] MapKeys(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
    }
}
