namespace Community.Grains.Abstractions;

[Immutable, GenerateSerializer]
public sealed record SiloHealth(
    [property: Id(0)] bool StorageReachable,
    [property: Id(1)] string? StorageError);

/// <summary>Answers from any silo whether it can reach its storage; the web's /healthz asks it.</summary>
public interface IHealthGrain : IGrainWithIntegerKey
{
    Task<SiloHealth> Check();
}
