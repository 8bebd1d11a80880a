using System.Text.Json;

namespace LostEngine.Tests.Detectors;

/// <summary>Compares two JSON documents field for field: the same keys in the same order, numbers by their text (96.0 is not 96).</summary>
internal static class JsonShape
{
    public static void AssertSame(JsonElement expected, JsonElement actual, string path = "$")
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: expected {expected.ValueKind}, found {actual.ValueKind}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedNames = expected.EnumerateObject().Select(p => p.Name).ToArray();
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToArray();
                Assert.True(expectedNames.SequenceEqual(actualNames),
                    $"{path}: expected fields {string.Join(",", expectedNames)}, found {string.Join(",", actualNames)}");
                foreach (string name in expectedNames)
                {
                    AssertSame(expected.GetProperty(name), actual.GetProperty(name), $"{path}.{name}");
                }
                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(),
                    $"{path}: expected {expected.GetArrayLength()} items, found {actual.GetArrayLength()}");
                for (int i = 0; i < expected.GetArrayLength(); i++)
                {
                    AssertSame(expected[i], actual[i], $"{path}[{i}]");
                }
                break;
            case JsonValueKind.String:
                Assert.True(expected.GetString() == actual.GetString(), $"{path}: expected \"{expected.GetString()}\", found \"{actual.GetString()}\"");
                break;
            default:
                Assert.True(expected.GetRawText() == actual.GetRawText(), $"{path}: expected {expected.GetRawText()}, found {actual.GetRawText()}");
                break;
        }
    }
}
