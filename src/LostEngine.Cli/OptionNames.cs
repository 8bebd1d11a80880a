namespace LostEngine.Cli;

/// <summary>
/// The library names its inputs as its API does (<c>tau</c>, <c>k_patches</c>); a user of the tool typed
/// <c>--tau</c>, <c>--k</c>. Library checks run through here so their errors name the option to change.
/// </summary>
internal static class OptionNames
{
    private static readonly Dictionary<string, string> ByInput = new(StringComparer.Ordinal)
    {
        ["tau"] = "--tau",
        ["eps"] = "--eps",
        ["rounds"] = "--rounds",
        ["k_patches"] = "--k",
        ["dinoseg_head"] = "--dinoseg-head",
        ["threads"] = "--threads",
        ["intra_op_threads"] = "--threads",
        ["grid"] = "--grid",
        ["rows"] = "--grid",
        ["cols"] = "--grid",
        ["scale_y"] = "--patch",
        ["scale_x"] = "--patch",
        ["image_height"] = "--image-size",
        ["image_width"] = "--image-size",
        ["max_side"] = "--max-side",
        ["clusters"] = "--clusters",
        ["category_offset"] = "--category-offset",
        ["shard"] = "--shard",
    };

    /// <summary>Runs <paramref name="check"/>, renaming a library input in what it throws to its option.</summary>
    public static void Check(Action check) => Check(() =>
    {
        check();
        return 0;
    });

    /// <summary>Runs <paramref name="make"/> and returns its value, renaming a library input in what it throws to its option.</summary>
    public static T Check<T>(Func<T> make)
    {
        try
        {
            return make();
        }
        catch (LostInputException e) when (ByInput.TryGetValue(e.InputName, out string? option))
        {
            throw new LostInputException(option, e.Problem, e);
        }
    }
}
