using System.Diagnostics;

namespace Coopdir.Bench;

/// <summary>Latencies of one kind of operation, in milliseconds.</summary>
public sealed class Timings
{
    private readonly List<double> samples = [];

    public int Count => samples.Count;

    public T Time<T>(Func<T> operation)
    {
        var clock = Stopwatch.StartNew();
        var result = operation();
        samples.Add(clock.Elapsed.TotalMilliseconds);
        return result;
    }

    public void Time(Action operation) => Time(() => { operation(); return 0; });

    public async Task TimeAsync(Func<Task> operation)
    {
        var clock = Stopwatch.StartNew();
        await operation();
        samples.Add(clock.Elapsed.TotalMilliseconds);
    }

    public double Percentile(double p) => Runs.Percentile(samples, p);

    public double Max => samples.Count == 0 ? 0 : samples.Max();
}
