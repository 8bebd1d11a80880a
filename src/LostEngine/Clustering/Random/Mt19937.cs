namespace LostEngine.Clustering.Random;

/// <summary>
/// The Mersenne Twister MT19937 (Matsumoto and Nishimura, 1998), seeded by <c>init_genrand</c> as numpy's legacy
/// <c>RandomState(seed)</c> and <c>np.random.seed(seed)</c> seed it from an integer, so its outputs are numpy's,
/// value for value.
/// </summary>
public sealed class Mt19937
{
    private const int StateSize = 624;
    private const int Shift = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;

    private readonly uint[] _state = new uint[StateSize];
    private int _position;

    /// <summary>A generator seeded with <paramref name="seed"/> by <c>init_genrand</c>.</summary>
    public Mt19937(uint seed)
    {
        _state[0] = seed;
        for (int i = 1; i < StateSize; i++)
        {
            uint previous = _state[i - 1];
            _state[i] = unchecked(1812433253u * (previous ^ (previous >> 30)) + (uint)i);
        }
        _position = StateSize;
    }

    /// <summary>The next 32-bit output.</summary>
    public uint NextUInt32()
    {
        if (_position >= StateSize)
        {
            Regenerate();
        }
        uint y = _state[_position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        return y ^ (y >> 18);
    }

    private void Regenerate()
    {
        for (int i = 0; i < StateSize; i++)
        {
            uint y = (_state[i] & UpperMask) | (_state[(i + 1) % StateSize] & LowerMask);
            uint next = _state[(i + Shift) % StateSize] ^ (y >> 1);
            _state[i] = (y & 1) == 0 ? next : next ^ MatrixA;
        }
        _position = 0;
    }
}
