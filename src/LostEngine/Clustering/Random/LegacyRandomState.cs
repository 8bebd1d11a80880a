namespace LostEngine.Clustering.Random;

/// <summary>
/// numpy's legacy <c>RandomState</c> over <see cref="Mt19937"/>: <c>random_sample</c> (53-bit doubles from two
/// outputs) and <c>standard_normal</c> (the polar Box–Muller method of <c>legacy_gauss</c>, which keeps the second
/// value of each pair for the next call). A (k, d) draw is k × d calls in C order, as numpy fills arrays.
/// </summary>
public sealed class LegacyRandomState
{
    private readonly Mt19937 _generator;
    private bool _hasGauss;
    private double _gauss;

    /// <summary>The state <c>np.random.seed(seed)</c> leaves: a fresh generator and no kept normal value.</summary>
    public LegacyRandomState(uint seed)
    {
        _generator = new Mt19937(seed);
    }

    /// <summary>A uniform double in [0, 1), numpy's <c>random_sample()</c>.</summary>
    public double NextDouble()
    {
        uint a = _generator.NextUInt32() >> 5;
        uint b = _generator.NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>A standard normal double, numpy's legacy <c>standard_normal()</c>.</summary>
    public double NextStandardNormal()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            return _gauss;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * NextDouble() - 1.0;
            x2 = 2.0 * NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        }
        while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    /// <summary>Fills <paramref name="destination"/> with standard normal values in order, as <c>standard_normal(size)</c> does.</summary>
    public void FillStandardNormal(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = NextStandardNormal();
        }
    }
}
