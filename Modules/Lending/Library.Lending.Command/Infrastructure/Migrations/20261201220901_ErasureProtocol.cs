using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Library.Lending.Command.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ErasureProtocol : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "erasure_refusal_code",
                schema: "lending",
                table: "reader_eligibility",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "erasure_request_id",
                schema: "lending",
                table: "reader_eligibility",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "erasure_request_version",
                schema: "lending",
                table: "reader_eligibility",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "erasure_refusal_code",
                schema: "lending",
                table: "reader_eligibility");

            migrationBuilder.DropColumn(
                name: "erasure_request_id",
                schema: "lending",
                table: "reader_eligibility");

            migrationBuilder.DropColumn(
                name: "erasure_request_version",
                schema: "lending",
                table: "reader_eligibility");
        }
    }
}
