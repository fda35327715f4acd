using System.Diagnostics.CodeAnalysis;

namespace Library.BuildingBlocks.Results;

/// <summary>
/// Lets generic pipeline code (validation, logging) build a failed response of the handler's own type
/// without reflection.
/// </summary>
public interface IResult<TSelf> where TSelf : IResult<TSelf>
{
    Error? Error { get; }

    static abstract TSelf Failure(Error error);
}

/// <summary>Outcome of an operation that yields no value.</summary>
public sealed class Result : IResult<Result>
{
    private static readonly Result SuccessInstance = new(null);

    private Result(Error? error) => Error = error;

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static Result Success() => SuccessInstance;

    public static Result Failure(Error error) => new(error);

    public static implicit operator Result(Error error) => Failure(error);
}

/// <summary>Outcome of an operation that yields a value on success and an <see cref="Results.Error"/> otherwise.</summary>
public sealed class Result<T> : IResult<Result<T>>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"A failed result has no value ({Error.Code}).");

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
}
