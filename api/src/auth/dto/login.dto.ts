import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ROLES, type AuthUser, type LoginResponse, type MeResponse, type Role } from '@layanan/contracts';

export class LoginDto {
  @ApiProperty({ example: 'verifikator.dukcapil' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username: string;

  @ApiProperty({ example: 'malang-demo-2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

export class AuthUserView implements AuthUser {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ isArray: true, enum: ROLES }) roles: Role[];
  @ApiProperty({ nullable: true, type: String }) opdId: string | null;
}

export class LoginResponseView implements LoginResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Access token lifetime in seconds' }) expiresIn: number;
  @ApiProperty({ type: AuthUserView }) user: AuthUserView;
}

export class MeView extends AuthUserView implements MeResponse {
  @ApiProperty({ description: 'CASL rules, packed (packRules)', type: 'array', items: {} }) rules: unknown[];
  @ApiProperty({
    description: 'Next instant the Plh./Plt. positions in force change (an appointment starts or ends); null when none is scheduled',
    nullable: true,
    type: String,
    format: 'date-time',
  })
  actingChangesAt: string | null;
}
