using Community.Grains.Abstractions;

namespace Community.Grains.Grains;

[GenerateSerializer]
internal sealed record DeviceRecord
{
    [Id(0)] public string? ParticipantId { get; init; }
}

/// <summary>
/// One browser (its device cookie) in one meeting. Not reentrant, so a burst of joins from the same browser is
/// answered one after another: the first registers a participant and the others get that same participant.
/// </summary>
internal sealed class DeviceGrain(
    [PersistentState(DeviceGrain.StateName)] IPersistentState<DeviceRecord> device, IGrainFactory grains) : Grain, IDeviceGrain
{
    /// <summary>Part of the blob name: never rename.</summary>
    public const string StateName = "device";

    public async Task<ParticipantProfile> Join(ParticipantProfile profile)
    {
        var parts = Keys.Parts(this.GetPrimaryKeyString());
        Rules.Require(parts.Length == 2 && DeviceIds.IsWellFormed(parts[1]), DomainError.Invalid, "Not a device id.", "device");
        if (device.State.ParticipantId is { } known
            && await grains.GetGrain<IParticipantGrain>(Keys.Participant(parts[0], known)).Get() is { } existing)
        {
            // Listed again in case the first join stored the participant but not the roster (adding is idempotent).
            await grains.GetGrain<IRosterGrain>(parts[0]).Add(existing);
            return existing;
        }

        // Both writes at once: the join waits for one blob write, not two in a row. The device may point at a
        // participant whose registration then fails; the next join finds no such participant and registers anew.
        var registering = grains.GetGrain<IParticipantGrain>(Keys.Participant(parts[0], profile.ParticipantId)).Register(profile);
        var storing = device.Store(new DeviceRecord { ParticipantId = profile.ParticipantId });
        await Task.WhenAll(registering, storing);
        return await registering;
    }
}
