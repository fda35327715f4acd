using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Library.Reader.Command.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ReplicaVersionToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
