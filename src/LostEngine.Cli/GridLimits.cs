using LostEngine.Kernel;

namespace LostEngine.Cli;

/// <summary>
/// Where a grid typed on the command line stops fitting the engine's integers: more patches than one image may
/// have, or cells whose pixels make an image side past <see cref="int.MaxValue"/>. Checked before anything is
/// computed from the grid, so an absurd size is one error naming the option, not a size that wrapped around to a
/// negative number or an overflow exception.
/// </summary>
internal static class GridLimits
{
    /// <exception cref="LostInputException">Too many patches (naming <paramref name="gridOption"/>), or an image side
    /// above <see cref="int.MaxValue"/> pixels (naming <paramref name="patchOption"/>).</exception>
    public static void Check(SizeArgument cells, int patchSize, string gridOption, string patchOption)
    {
        long patches = (long)cells.First * cells.Second;
        if (patches > PatchGrid.MaxPatches)
        {
            throw new LostInputException(gridOption, $"{cells} is {patches} patches; one image has at most {PatchGrid.MaxPatches}.");
        }
        long height = (long)cells.First * patchSize, width = (long)cells.Second * patchSize;
        if (Math.Max(height, width) > int.MaxValue)
        {
            throw new LostInputException(patchOption,
                $"cells of {patchSize} px on a {cells} grid make a {height}x{width} px image; a side is at most {int.MaxValue} px.");
        }
    }
}
